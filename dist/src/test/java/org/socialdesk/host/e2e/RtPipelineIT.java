package org.socialdesk.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop against the real Request Tracker 5 and the real distribution: a sandbox post
 * becomes a ticket, the conversation stays one ticket, an agent's reply is published back, a
 * comment never is, duplicates create nothing, an RT outage and a SIGKILL lose nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RtPipelineIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ARRIVAL = Duration.ofSeconds(30);

  @TempDir static Path work;
  private static TestRt rt;
  private static SocialdeskProcess socialdesk;

  @BeforeAll
  static void startEverything() throws Exception {
    rt = TestRt.fromEnvironment();
    rt.reset();
    socialdesk =
        SocialdeskProcess.configure(
            work,
            rt,
            "tag-queues: [General]",
            """
        social-channel:
          sandbox:
            enabled: true
        sentiment:
          tag-other-tickets: true
        """);
    SocialdeskProcess.CommandResult provision = socialdesk.command("rt", "provision");
    assertThat(provision.exitCode()).as(provision.output()).isZero();
    assertThat(provision.output()).contains("created queue Social");
    SocialdeskProcess.CommandResult again = socialdesk.command("rt", "provision");
    assertThat(again.output()).contains("Nothing to do");
    socialdesk.start();
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (socialdesk != null) {
      socialdesk.stop();
    }
  }

  @Test
  @Order(1)
  void aPostBecomesATicketInTheSocialQueueWithItsFields() throws Exception {
    String id = unique("p");
    Instant posted = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    assertThat(
            send(
                SandboxPosts.post(
                    id, id, null, "alice", 4321, "My order #123 never arrived, help!", posted)))
        .isEqualTo(202);

    String ticket = awaitTicket("sandbox:" + id);
    JsonNode fields = rt.ticket(ticket);
    assertThat(fields.path("Queue").path("id").asText()).isNotEmpty();
    assertThat(fields.path("Created").asText()).isEqualTo(posted.toString());
    assertThat(rt.fieldValues(ticket, "Channel")).containsExactly("sandbox");
    assertThat(rt.fieldValues(ticket, "SocialAuthor")).containsExactly("@alice");
    assertThat(rt.fieldValues(ticket, "Followers")).containsExactly("4321");
    assertThat(rt.transactionTexts(ticket, "Create"))
        .anySatisfy(text -> assertThat(text).contains("My order #123 never arrived"));
    List<String> requestors = new java.util.ArrayList<>();
    fields.path("Requestor").forEach(user -> requestors.add(user.path("id").asText()));
    assertThat(requestors)
        .as("the customer is the ticket's requestor")
        .singleElement()
        .asString()
        .startsWith("sandbox.");
  }

  @Test
  @Order(2)
  void aReplyInTheSameConversationLandsInTheSameTicket() throws Exception {
    String root = unique("root");
    String reply = unique("reply");
    send(
        SandboxPosts.newThread(
            root, "bob", "The app crashes on login", Instant.now().minusSeconds(600)));
    String ticket = awaitTicket("sandbox:" + root);

    send(
        SandboxPosts.post(
            reply,
            root,
            root,
            "bob",
            120,
            "Still crashing after the update",
            Instant.now().minusSeconds(60)));

    assertThat(
            TestRt.eventually(
                ARRIVAL,
                () ->
                    probe(() -> rt.ticketsWithPost("sandbox:" + reply)).filter(l -> !l.isEmpty())))
        .contains(List.of(ticket));
    assertThat(rt.fieldValues(ticket, "SocialPostId"))
        .containsExactlyInAnyOrder("sandbox:" + root, "sandbox:" + reply);
    assertThat(rt.transactionTexts(ticket, "Correspond"))
        .anySatisfy(text -> assertThat(text).contains("Still crashing after the update"));
  }

  @Test
  @Order(2)
  void tenPostsOfOneConversationSentAtOnceAllKeepTheirIdsInTheTicket() throws Exception {
    String root = unique("burst");
    Instant start = Instant.now().minusSeconds(600);
    send(SandboxPosts.newThread(root, "carol", "Burst root", start));
    String ticket = awaitTicket("sandbox:" + root);
    List<String> expected = new java.util.ArrayList<>(List.of("sandbox:" + root));
    List<Thread> senders = new java.util.ArrayList<>();
    List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 1; i <= 10; i++) {
      String id = root + "-" + i;
      expected.add("sandbox:" + id);
      String json =
          SandboxPosts.post(id, root, root, "carol", 10, "Burst post " + i, start.plusSeconds(i));
      senders.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      statuses.add(send(json));
                    } catch (Exception e) {
                      statuses.add(-1);
                    }
                  }));
    }
    for (Thread sender : senders) {
      sender.join();
    }
    assertThat(statuses).containsOnly(202);

    assertThat(
            TestRt.eventually(
                ARRIVAL,
                () ->
                    probe(() -> rt.fieldValues(ticket, "SocialPostId"))
                        .filter(v -> v.size() >= expected.size())))
        .hasValueSatisfying(
            values -> assertThat(values).containsExactlyInAnyOrderElementsOf(expected));
  }

  @Test
  @Order(3)
  void anAgentsReplyIsPublishedWithinTenSecondsAndACommentNeverIs() throws Exception {
    String id = unique("ask");
    send(
        SandboxPosts.newThread(
            id, "carol", "Do you ship to Chiang Mai?", Instant.now().minusSeconds(300)));
    String ticket = awaitTicket("sandbox:" + id);

    rt.commentAsAgent(ticket, "Internal: check the courier list before answering");
    Instant replied = Instant.now();
    rt.correspondAsAgent(ticket, "Yes, we ship to Chiang Mai in 2-3 days.");

    Optional<JsonNode> published = TestRt.eventually(Duration.ofSeconds(10), () -> outboxEntry(id));
    assertThat(published).as("published within 10 s").isPresent();
    assertThat(published.get().path("text").asText()).contains("Yes, we ship to Chiang Mai");
    assertThat(Duration.between(replied, Instant.now())).isLessThan(Duration.ofSeconds(10));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(outboxTexts())
                    .noneMatch(text -> text.contains("check the courier list")));
    assertThat(
            TestRt.eventually(
                ARRIVAL,
                () ->
                    probe(() -> rt.fieldValues(ticket, "ReplyStatus"))
                        .filter(v -> v.contains("published"))))
        .isPresent();
  }

  @Test
  @Order(4)
  void theSamePostDeliveredTwiceCreatesNothingNew() throws Exception {
    String id = unique("dup");
    String post =
        SandboxPosts.newThread(id, "dave", "Where is my refund?", Instant.now().minusSeconds(100));

    assertThat(send(post)).isEqualTo(202);
    assertThat(send(post)).isEqualTo(200);
    awaitTicket("sandbox:" + id);
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(rt.ticketsWithPost("sandbox:" + id)).hasSize(1));
  }

  @Test
  @Order(5)
  void withRtStoppedPostsWaitAndAllArriveOnceRtIsBack() throws Exception {
    rt.stopServer();
    List<String> ids = List.of(unique("out1"), unique("out2"), unique("out3"));
    try {
      for (String id : ids) {
        assertThat(
                send(
                    SandboxPosts.newThread(
                        id, "erin", "Outage test " + id, Instant.now().minusSeconds(30))))
            .isEqualTo(202);
      }
      Thread.sleep(3000);
    } finally {
      rt.startServer();
    }
    for (String id : ids) {
      assertThat(rt.ticketsWithPost("sandbox:" + awaitTicketId(id))).hasSize(1);
    }
  }

  @Test
  @Order(6)
  void aKillMinusNineWhileWorkingLosesNothingAndDuplicatesNothing() throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String id = unique("k" + i);
      ids.add(id);
      assertThat(
              send(
                  SandboxPosts.newThread(
                      id, "frank" + i, "Crash test " + i, Instant.now().minusSeconds(20))))
          .isEqualTo(202);
    }
    Thread.sleep(400);
    socialdesk.kill();
    socialdesk.start();

    for (String id : ids) {
      awaitTicket("sandbox:" + id);
    }
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (String id : ids) {
                assertThat(rt.ticketsWithPost("sandbox:" + id)).as("tickets for " + id).hasSize(1);
              }
            });
  }

  @Test
  @Order(7)
  void aTicketOpenedByEmailInATagQueueIsTaggedWithSentimentLanguageAndIntent() throws Exception {
    String ticket =
        openAsCustomer(
            "General",
            "Charged twice",
            "You charged my card twice for one order. This is unacceptable, fix it now!");

    Optional<List<String>> sentiment =
        TestRt.eventually(
            ARRIVAL,
            () ->
                probe(() -> rt.fieldValues(ticket, "Sentiment"))
                    .filter(values -> !values.isEmpty()));
    assertThat(sentiment)
        .as("Sentiment on the e-mail ticket; Socialdesk log:\n" + socialdesk.log())
        .contains(List.of("negative"));
    assertThat(rt.fieldValues(ticket, "Language")).containsExactly("en");
    assertThat(rt.fieldValues(ticket, "Intent")).containsExactly("complaint");
    assertThat(rt.ticket(ticket).path("Priority").asInt()).isGreaterThan(0);
    assertThat(rt.ticket(ticket).path("Queue").path("id").asText())
        .isNotEqualTo(rt.ticket(awaitTicket(anySocialPost())).path("Queue").path("id").asText());
  }

  /**
   * A ticket as RT's mail gateway or web form makes it: by the customer, not by Socialdesk's
   * service user.
   */
  private static String openAsCustomer(String queue, String subject, String text) throws Exception {
    String body =
        JSON.writeValueAsString(
            java.util.Map.of(
                "Queue", queue, "Subject", subject, "Content", text, "ContentType", "text/plain"));
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(rt.url() + "/REST/2.0/ticket"))
            .header(
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString(
                            "root:password".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .build();
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("id").asText();
  }

  private static String anySocialPost() throws Exception {
    String id = unique("q");
    assertThat(
            send(
                SandboxPosts.newThread(
                    id,
                    "gina",
                    "Quick question about opening hours",
                    Instant.now().minusSeconds(5))))
        .isEqualTo(202);
    return "sandbox:" + id;
  }

  private static String awaitTicketId(String id) throws Exception {
    awaitTicket("sandbox:" + id);
    return id;
  }

  private static String awaitTicket(String postKey) throws Exception {
    return rt.awaitTicketWithPost(postKey, ARRIVAL, socialdesk::log);
  }

  private static int send(String json) throws Exception {
    return socialdesk.post("/api/channels/sandbox/posts", json).statusCode();
  }

  private static Optional<JsonNode> outboxEntry(String answeredPostId) {
    return probe(
            () -> {
              for (JsonNode entry :
                  JSON.readTree(socialdesk.get("/api/channels/sandbox/outbox").body())) {
                if (entry.path("inReplyTo").asText().equals(answeredPostId)) {
                  return Optional.of(entry);
                }
              }
              return Optional.<JsonNode>empty();
            })
        .flatMap(o -> o);
  }

  private static List<String> outboxTexts() throws Exception {
    List<String> texts = new java.util.ArrayList<>();
    JSON.readTree(socialdesk.get("/api/channels/sandbox/outbox").body())
        .forEach(e -> texts.add(e.path("text").asText()));
    return texts;
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @FunctionalInterface
  interface Probe<T> {
    T get() throws Exception;
  }

  private static <T> Optional<T> probe(Probe<T> probe) {
    try {
      return Optional.ofNullable(probe.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
