package org.socialdesk.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Social SLAs end to end, through the real distribution, the real Request Tracker and a WireMock
 * webhook: the Due a ticket is born with, a warning and a breach on the ticket and the webhook, a
 * published reply (not a comment) stopping the clock, Due following the clocks as they start and
 * stop, and the manager report checked against numbers computed by hand.
 *
 * <p>Targets are seconds to minutes long and the posts are dated in the past, so each clock is a
 * known number of seconds from its warning or deadline when the test starts. Five conversations are
 * posted at t0 (A, B, C on the 24x7 default policy with a 2-minute first response, D a private
 * message on an office calendar closed for a quarter of an hour, E left unanswered), then each test
 * acts on its own conversation in the order the clocks need. RT is shared with other tests and not
 * reset: every post id is new, and the report reads only this run's database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlaIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String SECRET = "sla-it-webhook-secret-0123456789";
  private static final int WARNING_BUMP = 10;
  private static final int BREACH_BUMP = 30;

  private static final Duration FIRST = Duration.ofMinutes(2);
  private static final Duration WARNING = Duration.ofSeconds(96); // 80% of FIRST
  private static final Duration NEXT = Duration.ofSeconds(90);
  private static final Duration RESOLUTION = Duration.ofMinutes(15);
  private static final Duration OFFICE_FIRST = Duration.ofMinutes(30);
  private static final Instant NO_DUE = Instant.EPOCH; // how RT reads back an unset date

  private static final DateTimeFormatter NOTE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  @TempDir static Path work;
  private static TestRt rt;
  private static SocialdeskProcess socialdesk;
  private static WireMockServer webhook;
  private static OfficeCalendar office;
  private static Instant t0;

  /** Breaches: warns at t0+41 s, due at t0+65 s; nobody answers. */
  private static Conversation a;

  /** An internal comment, then a reply between its warning (t0+36 s) and its deadline (t0+60 s). */
  private static Conversation b;

  /** Answered, then a second customer post (next response), answered, then resolved. */
  private static Conversation c;

  /** A private message posted while the office calendar was closed. */
  private static Conversation d;

  /** Never answered; due at t0+120 s, after the test. */
  private static Conversation e;

  /** When the brand's first reply went live, per conversation, from the sandbox outbox. */
  private static Instant bAnswered;

  private static Instant cAnswered;
  private static Instant dAnswered;

  /** A's priority before any alert, read as soon as its ticket exists (it warns at t0+41 s). */
  private static int aBornPriority;

  @BeforeAll
  static void start() throws Exception {
    rt = TestRt.fromEnvironment();
    webhook = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    webhook.start();
    webhook.stubFor(post(urlEqualTo("/sla-alerts")).willReturn(ok()));
    office = OfficeCalendar.closedJustBefore(Instant.now());
    socialdesk =
        SocialdeskProcess.configure(
            work,
            rt,
            """
        social-channel:
          sandbox:
            enabled: true
        sla:
          warning-at: 0.8
          escalation:
            warning-priority-bump: %d
            breach-priority-bump: %d
          outlets:
            webhook:
              url: http://127.0.0.1:%d/sla-alerts
              secret: %s
          calendars:
        %s
          policies:
            - name: private-office
              match: {visibility: [private]}
              calendar: office
              first-response: 30m
              next-response: 30m
              resolution: 2h
            - name: default
              calendar: 24x7
              first-response: 2m
              next-response: 90s
              resolution: 15m
        """
                .formatted(
                    WARNING_BUMP, BREACH_BUMP, webhook.port(), SECRET, office.yaml().indent(4)));
    SocialdeskProcess.CommandResult provision = socialdesk.command("rt", "provision");
    assertThat(provision.exitCode()).as(provision.output()).isZero();
    socialdesk.start();

    t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // All five are sent before any ticket is awaited: the clocks run from the posts' times.
    Sent sentA =
        Sent.post(
            "sla-ann", t0.minusSeconds(55), false, "Hello, is the Lisbon store open on holidays?");
    Sent sentB = Sent.post("sla-ben", t0.minusSeconds(60), false, "Do you ship to Madeira?");
    Sent sentC =
        Sent.post("sla-cat", t0.minusSeconds(40), false, "Can I change the size of my order?");
    Sent sentD =
        Sent.post(
            "sla-dan",
            office.closedFrom().plus(Duration.ofMinutes(5)),
            true,
            "What is my order status?");
    Sent sentE = Sent.post("sla-eva", t0, false, "Do you have gift cards?");
    a = sentA.ticketed();
    b = sentB.ticketed();
    c = sentC.ticketed();
    d = sentD.ticketed();
    e = sentE.ticketed();
    aBornPriority = rt.ticket(a.ticket()).path("Priority").asInt();
  }

  @AfterAll
  static void stop() throws Exception {
    if (socialdesk != null) {
      socialdesk.stop();
    }
    if (webhook != null) {
      webhook.stop();
    }
  }

  @Test
  @Order(1)
  void aTicketIsBornDueAtItsPostTimePlusTheFirstResponseTargetInItsPolicysCalendar()
      throws Exception {
    for (Conversation conversation : List.of(a, b, c, e)) {
      assertThat(due(conversation.ticket()))
          .as(conversation.postId())
          .isEqualTo(conversation.postedAt().plus(FIRST));
    }
    // Posted while the office was closed: the 30 minutes count from the reopening.
    assertThat(due(d.ticket()))
        .isEqualTo(office.reopensAt().plus(OFFICE_FIRST))
        .isNotEqualTo(d.postedAt().plus(OFFICE_FIRST));
  }

  @Test
  @Order(2)
  void anInternalCommentLeavesTheClockRunningAndAPublishedReplyStopsIt() throws Exception {
    Instant warningAt = b.postedAt().plus(WARNING);
    rt.commentAsAgent(b.ticket(), "Checking with the carrier before we answer.");
    assertThat(Instant.now())
        .as("the comment must come before the warning instant to prove anything")
        .isBefore(warningAt.minusSeconds(5));

    awaitComment(b, "SLA warning: first response");
    assertThat(due(b.ticket())).isEqualTo(b.postedAt().plus(FIRST));

    rt.correspondAsAgent(b.ticket(), "Yes, we ship to Madeira in 3 to 5 days.");
    bAnswered = awaitReply(b.postId()).publishedAt();
    assertThat(bAnswered)
        .as("the reply went live before the deadline")
        .isBefore(b.postedAt().plus(FIRST));
    // The first-response clock stopped: Due moves to the next running deadline, the resolution's.
    awaitDue(b, b.postedAt().plus(RESOLUTION));
  }

  @Test
  @Order(3)
  void dueFollowsTheEarliestRunningDeadlineAsClocksStartAndStopAndIsClearedWhenNoneIsLeft()
      throws Exception {
    Instant resolutionDue = c.postedAt().plus(RESOLUTION);
    rt.correspondAsAgent(c.ticket(), "Yes: reply with the size you want.");
    Reply first = awaitReply(c.postId());
    cAnswered = first.publishedAt();
    awaitDue(c, resolutionDue);

    // The customer writes again: a next-response clock starts at that post's time.
    Instant again = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
    String second = unique("sla-cat2");
    send(
        SandboxPosts.post(
            second, c.postId(), first.remoteId(), "sla-cat", 120, "Size M please.", again));
    awaitDue(c, again.plus(NEXT));

    rt.correspondAsAgent(c.ticket(), "Done, size M it is.");
    awaitReply(second);
    awaitDue(c, resolutionDue);

    rt.setStatusAsAgent(c.ticket(), "resolved");
    awaitDue(c, NO_DUE);
    // Each move is one update; the born Due was never sent again.
    assertThat(rt.fieldHistory(c.ticket(), "Due"))
        .containsExactly(
            RT_TIME.format(resolutionDue),
            RT_TIME.format(again.plus(NEXT)),
            RT_TIME.format(resolutionDue),
            "1970-01-01 00:00:00");
  }

  @Test
  @Order(4)
  void aWarningAndABreachEachCommentRaisePriorityAndReachTheWebhookSigned() throws Exception {
    Instant dueAt = a.postedAt().plus(FIRST);
    awaitComment(a, "SLA breached: first response");

    List<String> notes = rt.transactionTexts(a.ticket(), "Comment");
    assertThat(notes).hasSize(2);
    assertThat(notes.get(0))
        .contains(
            "SLA warning: first response due at "
                + NOTE_TIME.format(dueAt)
                + " (policy default, 80% of 2m used)");
    assertThat(notes.get(1))
        .contains(
            "SLA breached: first response was due at "
                + NOTE_TIME.format(dueAt)
                + " (policy default, target 2m)");
    int warned = Math.min(99, aBornPriority + WARNING_BUMP);
    int breached = Math.min(99, aBornPriority + BREACH_BUMP);
    // The breach's comment and its priority are two RT calls: wait for the second as well.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(rt.fieldHistory(a.ticket(), "Priority"))
                    .containsExactly(Integer.toString(warned), Integer.toString(breached)));
    // A breached clock is still running: Due stays on its passed deadline, so RT shows it overdue.
    assertThat(due(a.ticket())).isEqualTo(dueAt);

    List<JsonNode> alerts = webhookAlerts(a);
    assertThat(alerts)
        .extracting(alert -> alert.path("type").asText())
        .containsExactly("sla.warning", "sla.breach");
    JsonNode warning = alerts.get(0);
    JsonNode breach = alerts.get(1);
    assertThat(Instant.parse(warning.path("timestamp").asText()))
        .isBetween(a.postedAt().plus(WARNING), dueAt.minusMillis(1));
    assertThat(Instant.parse(breach.path("timestamp").asText()))
        .isBetween(dueAt, dueAt.plusSeconds(10));
    assertThat(warning.path("data").path("priority").asInt()).isEqualTo(warned);
    assertThat(breach.path("data").path("priority").asInt()).isEqualTo(breached);
    for (JsonNode alert : alerts) {
      JsonNode data = alert.path("data");
      assertThat(data.path("ticket").path("id").asText()).isEqualTo(a.ticket());
      assertThat(data.path("target").asText()).isEqualTo("first-response");
      assertThat(data.path("policy").asText()).isEqualTo("default");
      assertThat(Instant.parse(data.path("startedAt").asText())).isEqualTo(a.postedAt());
      assertThat(Instant.parse(data.path("dueAt").asText())).isEqualTo(dueAt);
    }
  }

  @Test
  @Order(5)
  void theReportsNumbersEqualTheHandComputedOnesForThePostsSent() throws Exception {
    rt.correspondAsAgent(d.ticket(), "Your order left our warehouse this morning.");
    dAnswered = awaitReply(d.postId()).publishedAt();
    Instant bDue = b.postedAt().plus(FIRST);
    while (Instant.now().isBefore(bDue.plusSeconds(3))) {
      Thread.sleep(200);
    }
    Instant eDue = e.postedAt().plus(FIRST);
    assertThat(Instant.now())
        .as("E must still be running when the report is read")
        .isBefore(eDue.minusSeconds(5));

    // B was answered in time: past its deadline, no breach anywhere.
    assertThat(rt.transactionTexts(b.ticket(), "Comment"))
        .noneMatch(text -> text.contains("SLA breached"));
    assertThat(webhookAlerts(b))
        .extracting(alert -> alert.path("type").asText())
        .containsExactly("sla.warning");

    // By hand: first responses in business seconds (D counts from the office's reopening).
    List<Long> took =
        new ArrayList<>(
            List.of(
                Duration.between(b.postedAt(), bAnswered).toSeconds(),
                Duration.between(c.postedAt(), cAnswered).toSeconds(),
                Duration.between(office.reopensAt(), dAnswered).toSeconds()));
    took.sort(null);
    double mean = Math.round((took.get(0) + took.get(1) + took.get(2)) / 3.0 * 10) / 10.0;
    String from = t0.minus(Duration.ofHours(1)).toString();
    String to = Instant.now().plus(Duration.ofHours(1)).toString();
    JsonNode report =
        JSON.readTree(
            socialdesk
                .get("/api/sla/report?groupBy=channel&from=" + encode(from) + "&to=" + encode(to))
                .body());

    JsonNode totals = report.path("totals");
    assertThat(report.path("groups"))
        .singleElement()
        .satisfies(group -> assertThat(group.path("key").asText()).isEqualTo("sandbox"));
    JsonNode group = report.path("groups").get(0);
    for (JsonNode row : List.of(totals, group)) {
      assertThat(row.path("posts").asLong()).as("A, B, C twice, D, E").isEqualTo(6);
      assertThat(row.path("conversations").asLong()).isEqualTo(5);
      assertThat(row.path("repliedConversations").asLong()).as("B, C, D").isEqualTo(3);
      assertThat(row.path("responseRate").asDouble()).isEqualTo(0.6);
      assertThat(row.path("firstResponseSeconds").path("mean").asDouble()).isEqualTo(mean);
      assertThat(row.path("firstResponseSeconds").path("median").asLong()).isEqualTo(took.get(1));
      assertThat(row.path("firstResponseSeconds").path("p90").asLong()).isEqualTo(took.get(2));
      assertThat(row.path("breaches").asLong()).as("A's first response").isEqualTo(1);
    }
  }

  @Test
  @Order(6)
  void anAgentsHigherPriorityStandsThroughAWarningAndABreach() throws Exception {
    Instant eWarns = e.postedAt().plus(WARNING);
    assertThat(Instant.now()).as("E must not have warned yet").isBefore(eWarns.minusSeconds(3));
    rt.setPriorityAsAgent(e.ticket(), 95);

    awaitComment(e, "SLA warning: first response");
    awaitComment(e, "SLA breached: first response");

    // Both alerts asked for less than 95 (born + 10, born + 20): neither lowered what the agent
    // set.
    assertThat(rt.fieldHistory(e.ticket(), "Priority")).containsExactly("95");
  }

  /** One conversation: its first post and the ticket it became. */
  private record Conversation(String postId, Instant postedAt, String ticket) {}

  /** A conversation's first post, sent to the sandbox network. */
  private record Sent(String postId, Instant postedAt) {

    static Sent post(String handle, Instant postedAt, boolean isPrivate, String text)
        throws Exception {
      String id = unique(handle);
      String json = SandboxPosts.post(id, id, null, handle, 120, text, postedAt);
      if (isPrivate) {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.put("visibility", "private");
        json = node.toString();
      }
      send(json);
      return new Sent(id, postedAt);
    }

    Conversation ticketed() throws Exception {
      return new Conversation(postId, postedAt, ticketOf(postId));
    }
  }

  /**
   * A business calendar open all day every day except a quarter of an hour that ended 15 minutes
   * before the test, in a zone where that is around noon, so it never crosses midnight.
   */
  private record OfficeCalendar(String zone, Instant closedFrom, Instant reopensAt) {

    static OfficeCalendar closedJustBefore(Instant now) {
      Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
      int offset = 12 - minute.atOffset(ZoneOffset.UTC).getHour();
      String zone =
          offset == 0 ? "Etc/UTC" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + -offset;
      return new OfficeCalendar(
          zone, minute.minus(Duration.ofMinutes(30)), minute.minus(Duration.ofMinutes(15)));
    }

    String yaml() {
      DateTimeFormatter local =
          DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(java.time.ZoneId.of(zone));
      String day =
          "[\"00:00-%s\", \"%s-24:00\"]"
              .formatted(local.format(closedFrom), local.format(reopensAt));
      StringBuilder hours = new StringBuilder();
      for (String name : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
        hours.append("      ").append(name).append(": ").append(day).append('\n');
      }
      return "office:\n  type: business-hours\n  zone: "
          + zone
          + "\n  hours:\n"
          + hours.toString().indent(-2);
    }
  }

  /** A reply the sandbox network received. */
  private record Reply(String remoteId, Instant publishedAt) {}

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void send(String json) throws Exception {
    assertThat(socialdesk.post("/api/channels/sandbox/posts", json).statusCode()).isEqualTo(202);
  }

  private static String ticketOf(String postId) throws Exception {
    return await(
        "a ticket for " + postId,
        () -> {
          List<String> found = rt.ticketsWithPost("sandbox:" + postId);
          return found.isEmpty() ? null : found.getFirst();
        });
  }

  private static Instant due(String ticket) throws Exception {
    return Instant.parse(rt.ticket(ticket).path("Due").asText());
  }

  private static void awaitDue(Conversation conversation, Instant expected) throws Exception {
    await(
        "Due "
            + expected
            + " on ticket "
            + conversation.ticket()
            + " (now "
            + due(conversation.ticket())
            + ")",
        () -> due(conversation.ticket()).equals(expected) ? true : null);
  }

  private static void awaitComment(Conversation conversation, String start) throws Exception {
    await(
        "a comment '" + start + "...' on ticket " + conversation.ticket(),
        () ->
            rt.transactionTexts(conversation.ticket(), "Comment").stream()
                    .anyMatch(text -> text.contains(start))
                ? true
                : null);
  }

  /** The brand's reply to {@code postId} once the sandbox network has it. */
  private static Reply awaitReply(String postId) throws Exception {
    return await(
        "a reply to " + postId + " in the sandbox outbox",
        () -> {
          for (JsonNode entry :
              JSON.readTree(socialdesk.get("/api/channels/sandbox/outbox?limit=1000").body())) {
            if (entry.path("inReplyTo").asText().equals(postId)) {
              return new Reply(
                  entry.path("remoteId").asText(),
                  Instant.parse(entry.path("publishedAt").asText()));
            }
          }
          return null;
        });
  }

  /**
   * The alerts the webhook received for a conversation's ticket, oldest first, each signature
   * checked.
   */
  private static List<JsonNode> webhookAlerts(Conversation conversation) throws Exception {
    List<JsonNode> alerts = new ArrayList<>();
    for (LoggedRequest request : webhook.findAll(postRequestedFor(urlEqualTo("/sla-alerts")))) {
      String body = request.getBodyAsString();
      JsonNode alert = JSON.readTree(body);
      if (!alert.path("data").path("ticket").path("id").asText().equals(conversation.ticket())) {
        continue;
      }
      String id = request.getHeader("webhook-id");
      String timestamp = request.getHeader("webhook-timestamp");
      assertThat(id).isEqualTo(alert.path("data").path("id").asText());
      assertThat(Long.parseLong(timestamp))
          .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(300L));
      assertThat(request.getHeader("webhook-signature"))
          .as("HMAC of " + id)
          .isEqualTo("v1," + hmac(id + "." + timestamp + "." + body));
      alerts.add(alert);
    }
    alerts.sort(java.util.Comparator.comparing(alert -> alert.path("timestamp").asText()));
    return alerts;
  }

  private static String hmac(String signed) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * Polls {@code probe} until it answers non-null; fails naming {@code what} and the log's tail.
   */
  private static <T> T await(String what, Callable<T> probe) throws Exception {
    Optional<T> value =
        TestRt.eventually(
            WAIT,
            () -> {
              try {
                return Optional.ofNullable(probe.call());
              } catch (Exception e) {
                return Optional.empty();
              }
            });
    assertThat(value).as(what + "\n" + tail(socialdesk.log())).isPresent();
    return value.get();
  }

  private static String tail(String log) {
    return log.length() <= 8000 ? log : log.substring(log.length() - 8000);
  }
}
