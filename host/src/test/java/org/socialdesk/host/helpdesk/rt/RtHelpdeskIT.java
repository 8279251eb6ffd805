package org.socialdesk.host.helpdesk.rt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;
import org.socialdesk.api.helpdesk.ActivityPage;
import org.socialdesk.api.helpdesk.CustomerRef;
import org.socialdesk.api.helpdesk.NewTicket;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.host.config.RtConfig;
import org.socialdesk.host.metrics.MicrometerMetrics;

/**
 * The RT gateway against the real Request Tracker: what REST2 silently drops is caught, repaired
 * where RT allows and otherwise kept in the ticket, and a created ticket is found by its post.
 */
class RtHelpdeskIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final MicrometerMetrics metrics = new MicrometerMetrics();
  private RtHelpdesk rt;
  private String url;
  private String token;

  @BeforeEach
  void connect() {
    url = System.getenv("RT_URL");
    token = System.getenv("RT_TOKEN");
    if (url == null || token == null) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(
            "RT_URL/RT_TOKEN are not set on CI: run the tests with scripts/test.sh");
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "RT not configured; skipped outside CI");
    }
    rt =
        new RtHelpdesk(
            new RtConfig(URI.create(url), Secret.of(token), null, null, null, null, null),
            http,
            Duration.ofSeconds(30),
            metrics);
    rt.provision();
  }

  @AfterEach
  void close() throws Exception {
    if (rt != null) {
      rt.close();
    }
    metrics.close();
  }

  @Test
  void aValueRtSilentlyDropsIsKeptInTheTicketAndTheRestArrives() throws Exception {
    String postId = "rt-it-" + UUID.randomUUID();
    CustomerRef customer = rt.findOrCreateCustomer(Author.of("sandbox", "it-" + postId, "it"));

    TicketRef ticket =
        rt.createTicket(
            new NewTicket(
                "Social",
                "dropped field check",
                customer,
                "body",
                Instant.parse("2026-11-20T08:15:00Z"),
                40,
                null,
                Map.of("SocialPostId", "sandbox:" + postId, "Sentiment", "furious"),
                null));

    assertThat(rt.findTicketByPost(new PostKey("sandbox", postId))).contains(ticket);
    Optional<String> kept = awaitComment(ticket.id(), "RT refused these field values");
    assertThat(kept).as("a comment keeping the refused value").isPresent();
    assertThat(kept.get()).contains("Sentiment: furious");
    JsonNode read = get("ticket/" + ticket.id());
    assertThat(read.path("Created").asText()).isEqualTo("2026-11-20T08:15:00Z");
    assertThat(read.path("Priority").asInt()).isEqualTo(40);
  }

  @Test
  void aTicketStartsWithRtsInitialPriorityEqualToThePrioritySocialdeskGaveIt() throws Exception {
    String postId = "rt-it-" + UUID.randomUUID();
    CustomerRef customer = rt.findOrCreateCustomer(Author.of("sandbox", "prio-" + postId, "prio"));

    TicketRef ticket =
        rt.createTicket(
            new NewTicket(
                "Social",
                "initial priority check",
                customer,
                "body",
                Instant.now(),
                40,
                null,
                Map.of("SocialPostId", "sandbox:" + postId),
                null));

    JsonNode read = get("ticket/" + ticket.id());
    assertThat(read.path("Priority").asInt()).isEqualTo(40);
    assertThat(read.path("InitialPriority").asInt()).isEqualTo(40);
    assertThat(rt.priority(ticket)).hasValue(40);
  }

  @Test
  void thePriorityReadIsTheOneAnAgentSetInRt() throws Exception {
    String postId = "rt-it-" + UUID.randomUUID();
    CustomerRef customer =
        rt.findOrCreateCustomer(Author.of("sandbox", "agent-" + postId, "agent"));
    TicketRef ticket =
        rt.createTicket(
            new NewTicket(
                "Social",
                "agent priority check",
                customer,
                "body",
                Instant.now(),
                40,
                null,
                Map.of("SocialPostId", "sandbox:" + postId),
                null));

    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/REST/2.0/ticket/" + ticket.id()))
                .header("Authorization", "token " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"Priority\": 85}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    assertThat(rt.priority(ticket)).hasValue(85);
  }

  @Test
  void aTicketCreatedThroughSocialdeskHasTheCustomerAsRequestor() throws Exception {
    String postId = "rt-it-" + UUID.randomUUID();
    CustomerRef customer = rt.findOrCreateCustomer(Author.of("sandbox", "req-" + postId, "req"));

    TicketRef ticket =
        rt.createTicket(
            new NewTicket(
                "Social",
                "requestor check",
                customer,
                "body",
                Instant.now(),
                null,
                null,
                Map.of("SocialPostId", "sandbox:" + postId),
                null));

    List<String> requestors = new java.util.ArrayList<>();
    get("ticket/" + ticket.id())
        .path("Requestor")
        .forEach(r -> requestors.add(r.path("id").asText()));
    assertThat(requestors).containsExactly(customer.name());
  }

  @Test
  void aTicketRtCreatedWithoutItsRequestorIsCaughtAndReportedInTheTicket() throws Exception {
    String postId = "rt-it-" + UUID.randomUUID();
    CustomerRef unknown = new CustomerRef("0", "sandbox.nobody-" + postId);

    TicketRef ticket =
        rt.createTicket(
            new NewTicket(
                "Social",
                "requestor dropped",
                unknown,
                "body",
                Instant.now(),
                null,
                null,
                Map.of("SocialPostId", "sandbox:" + postId),
                null));

    assertThat(awaitComment(ticket.id(), "RT refused the requestor"))
        .get()
        .asString()
        .contains("sandbox.nobody-" + postId);
  }

  @Test
  void inABatchOnlyTheTicketThatLostAValueIsRepairedAndTheOthersAreLeftAlone() throws Exception {
    String run = UUID.randomUUID().toString();
    CustomerRef customer = rt.findOrCreateCustomer(Author.of("sandbox", "it-" + run, "it"));
    List<TicketRef> fine = new java.util.ArrayList<>();
    for (String sentiment : List.of("negative", "positive")) {
      fine.add(
          rt.createTicket(
              new NewTicket(
                  "Social",
                  "batch check " + sentiment,
                  customer,
                  "body",
                  Instant.now(),
                  null,
                  null,
                  Map.of(
                      "SocialPostId",
                      "sandbox:" + run + "-" + sentiment,
                      "Sentiment",
                      sentiment,
                      "Language",
                      "en"),
                  null)));
    }
    TicketRef dropped =
        rt.createTicket(
            new NewTicket(
                "Social",
                "batch check dropped",
                customer,
                "body",
                Instant.now(),
                null,
                null,
                Map.of(
                    "SocialPostId",
                    "sandbox:" + run + "-bad",
                    "Sentiment",
                    "livid",
                    "Language",
                    "en"),
                null));

    assertThat(awaitComment(dropped.id(), "RT refused these field values"))
        .get()
        .asString()
        .contains("Sentiment: livid");
    for (TicketRef ticket : fine) {
      Map<String, String> fields = new java.util.HashMap<>();
      get("ticket/" + ticket.id())
          .path("CustomFields")
          .forEach(f -> fields.put(f.path("name").asText(), f.path("values").path(0).asText()));
      assertThat(fields).containsEntry("Language", "en").containsKey("Sentiment");
      assertThat(get("ticket/" + ticket.id() + "/history?per_page=100").path("items"))
          .as("only the Create: no repair, no comment")
          .hasSize(1);
    }
  }

  @Test
  void aTicketOpenedByEmailInATagQueueIsAnnouncedAndTakesTheTagFields() throws Exception {
    try (RtHelpdesk tagging =
        new RtHelpdesk(
            new RtConfig(
                URI.create(url), Secret.of(token), null, null, null, null, List.of("General")),
            http,
            Duration.ofSeconds(30),
            metrics)) {
      tagging.provision();
      String cursor = tagging.activitySince("", 10).nextCursor();
      String id =
          openAsCustomer(
              "General", "Invoice is wrong", "You charged me twice. This is unacceptable.");

      TicketActivity.Opened opened = awaitOpened(tagging, cursor, id);
      assertThat(opened.queue()).isEqualTo("General");
      assertThat(opened.subject()).isEqualTo("Invoice is wrong");
      assertThat(opened.text()).contains("charged me twice");
      tagging.update(
          opened.ticket(),
          TicketUpdate.fields(
              Map.of("Sentiment", "negative", "Language", "en", "Intent", "complaint")));

      Map<String, String> fields = new java.util.HashMap<>();
      get("ticket/" + id)
          .path("CustomFields")
          .forEach(f -> fields.put(f.path("name").asText(), f.path("values").path(0).asText()));
      assertThat(fields)
          .containsEntry("Sentiment", "negative")
          .containsEntry("Language", "en")
          .containsEntry("Intent", "complaint");
    }
  }

  /**
   * A ticket made by someone other than the service user, as an e-mail or the web form makes it.
   */
  private String openAsCustomer(String queue, String subject, String text) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "Queue", queue, "Subject", subject, "Content", text, "ContentType", "text/plain"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/REST/2.0/ticket"))
            .header(
                "Authorization",
                "Basic " + java.util.Base64.getEncoder().encodeToString("root:password".getBytes()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("id").asText();
  }

  private TicketActivity.Opened awaitOpened(RtHelpdesk helpdesk, String cursor, String ticketId)
      throws Exception {
    for (int i = 0; i < 40; i++) {
      ActivityPage page = helpdesk.activitySince(cursor, 100);
      for (TicketActivity activity : page.activities()) {
        if (activity instanceof TicketActivity.Opened opened
            && opened.ticket().id().equals(ticketId)) {
          return opened;
        }
      }
      cursor = page.nextCursor();
      Thread.sleep(250);
    }
    throw new AssertionError("ticket " + ticketId + " was never announced as opened");
  }

  private Optional<String> awaitComment(String ticketId, String fragment) throws Exception {
    for (int i = 0; i < 60; i++) {
      for (JsonNode txn :
          get("ticket/" + ticketId + "/history?per_page=100&fields=Type").path("items")) {
        if (txn.path("Type").asText().equals("Comment")) {
          for (JsonNode part :
              get("transaction/" + txn.path("id").asText() + "/attachments?fields=Content")
                  .path("items")) {
            String content = part.path("Content").asText("");
            if (content.contains(fragment)) {
              return Optional.of(content);
            }
          }
        }
      }
      Thread.sleep(250);
    }
    return Optional.empty();
  }

  private JsonNode get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/REST/2.0/" + path))
            .header("Authorization", "token " + token)
            .build();
    return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }
}
