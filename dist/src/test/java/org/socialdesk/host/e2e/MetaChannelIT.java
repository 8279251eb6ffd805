package org.socialdesk.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.meta.MetaGraphSpec;

/**
 * The Meta channel end to end: webhook deliveries shaped as Meta's docs show them, signed as Meta
 * signs them, sent to the real distribution and filed in the real RT; the agent's replies go out to
 * WireMock playing the Graph API, each request judged against Meta's node descriptions.
 */
class MetaChannelIT {

  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String APP_SECRET = "e2e-meta-app-secret";
  private static final String VERIFY_TOKEN = "e2e-meta-verify-token";
  private static final String PAGE = "104000000000777";
  private static final String PAGE_TOKEN = "e2e-meta-page-token";
  private static final String VERSION = "v21.0";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Ids unique to this run: the shared RT keeps the tickets of earlier runs. */
  private static final AtomicLong IDS = new AtomicLong(Instant.now().toEpochMilli() * 1000);

  @TempDir static Path work;
  private static TestRt rt;
  private static WireMockServer graph;
  private static MetaGraphSpec spec;
  private static SocialdeskProcess socialdesk;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    rt = TestRt.fromEnvironment();
    graph =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    graph.start();
    spec = new MetaGraphSpec(VERSION, Secret.of(APP_SECRET)).node(PAGE, "Page");
    socialdesk =
        SocialdeskProcess.configure(
            work,
            rt,
            """
        social-channel:
          meta:
            enabled: true
            graph-base-url: http://127.0.0.1:%d
            graph-version: %s
            app-secret: %s
            verify-token: %s
            page-id: "%s"
            page-access-token: %s
            poll-interval: 0s
        """
                .formatted(graph.port(), VERSION, APP_SECRET, VERIFY_TOKEN, PAGE, PAGE_TOKEN));
    assertThat(socialdesk.command("rt", "provision").exitCode()).isZero();
    socialdesk.start();
  }

  @AfterEach
  void judgeEveryRequest() {
    List<LoggedRequest> requests = new ArrayList<>();
    graph.getAllServeEvents().forEach(e -> requests.add(e.getRequest()));
    assertThat(spec.problems(requests))
        .as("requests to the emulated Graph API that Meta's node descriptions do not allow")
        .isEmpty();
  }

  @AfterAll
  static void stop() throws Exception {
    if (socialdesk != null) {
      socialdesk.stop();
    }
    if (graph != null) {
      graph.stop();
    }
  }

  @Test
  void theWebhookVerificationEchoesOnlyMetasChallenge() throws Exception {
    HttpResponse<String> ok = verify(VERIFY_TOKEN, "1158201444");
    HttpResponse<String> wrongToken = verify("guess", "1158201444");
    HttpResponse<String> reflected = verify(VERIFY_TOKEN, "<script>alert(1)</script>");

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("1158201444");
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    assertThat(reflected.statusCode()).isEqualTo(400);
    assertThat(reflected.body()).doesNotContain("<script>");
  }

  @Test
  void aCommentBecomesATicketAndTheAgentsReplyBecomesACommentReplyInTheThread() throws Exception {
    String postId = PAGE + "_" + IDS.incrementAndGet();
    String comment = IDS.incrementAndGet() + "_" + IDS.incrementAndGet();
    String answer = IDS.incrementAndGet() + "_" + IDS.incrementAndGet();
    spec.node(comment, "Comment");
    graph.stubFor(
        post(urlPathEqualTo("/" + VERSION + "/" + comment + "/comments"))
            .willReturn(json("{\"id\":\"" + answer + "\"}")));
    byte[] delivery =
        feedComment(
            postId, comment, "5550000000000001", "Nadia Karimi", "My kettle arrived broken");

    HttpResponse<String> response = deliver(delivery, sign(delivery));

    assertThat(response.statusCode()).isEqualTo(200);
    String ticket = rt.awaitTicketWithPost("facebook:" + comment, WAIT, socialdesk::log);
    rt.correspondAsAgent(ticket, "Sorry Nadia, we are sending a new one today.");
    assertThat(
            TestRt.holdsWithin(
                WAIT, () -> rt.fieldValues(ticket, "ReplyStatus").contains("published")))
        .as(socialdesk.log())
        .isTrue();
    graph.verify(
        1,
        postRequestedFor(urlPathEqualTo("/" + VERSION + "/" + comment + "/comments"))
            .withRequestBody(equalTo("message=Sorry+Nadia%2C+we+are+sending+a+new+one+today.")));
    assertThat(rt.transactionTexts(ticket, "Comment"))
        .anySatisfy(text -> assertThat(text).contains("https://www.facebook.com/" + answer));
  }

  @Test
  void dmOnACommentsTicketBecomesMetasPrivateReply() throws Exception {
    String postId = PAGE + "_" + IDS.incrementAndGet();
    String comment = IDS.incrementAndGet() + "_" + IDS.incrementAndGet();
    graph.stubFor(
        post(urlPathEqualTo("/" + VERSION + "/" + PAGE + "/messages"))
            .withRequestBody(matchingJsonPath("$.recipient.comment_id", equalTo(comment)))
            .willReturn(
                json(
                    "{\"recipient_id\":\"6660000000000001\",\"message_id\":\"m_"
                        + IDS.incrementAndGet()
                        + "\"}")));
    byte[] delivery =
        feedComment(
            postId,
            comment,
            "5550000000000002",
            "Omid R",
            "What is your refund policy? My order is 88812");
    deliver(delivery, sign(delivery));
    String ticket = rt.awaitTicketWithPost("facebook:" + comment, WAIT, socialdesk::log);

    rt.correspondAsAgent(ticket, "/dm Please send us your order number here.");

    assertThat(
            TestRt.holdsWithin(
                WAIT, () -> rt.fieldValues(ticket, "ReplyStatus").contains("published")))
        .as(socialdesk.log())
        .isTrue();
    graph.verify(
        1,
        postRequestedFor(urlPathEqualTo("/" + VERSION + "/" + PAGE + "/messages"))
            .withRequestBody(matchingJsonPath("$.recipient.comment_id", equalTo(comment)))
            .withRequestBody(
                matchingJsonPath(
                    "$.message.text", equalTo("Please send us your order number here."))));
    graph.verify(0, postRequestedFor(urlPathEqualTo("/" + VERSION + "/" + comment + "/comments")));
  }

  @Test
  void aMessengerMessageOutsideTheWindowIsHeldWithTheReasonAndNothingIsSent() throws Exception {
    String psid = Long.toString(IDS.incrementAndGet());
    String mid = "m_" + IDS.incrementAndGet();
    Instant sent = Instant.now().minus(Duration.ofHours(30));
    byte[] delivery =
        JSON.writeValueAsBytes(
            Map.of(
                "object",
                "page",
                "entry",
                List.of(
                    Map.of(
                        "id",
                        PAGE,
                        "time",
                        sent.toEpochMilli(),
                        "messaging",
                        List.of(
                            Map.of(
                                "sender",
                                Map.of("id", psid),
                                "recipient",
                                Map.of("id", PAGE),
                                "timestamp",
                                sent.toEpochMilli(),
                                "message",
                                Map.of(
                                    "mid",
                                    mid,
                                    "text",
                                    "Is anyone there? I wrote yesterday.")))))));
    deliver(delivery, sign(delivery));
    String ticket = rt.awaitTicketWithPost("facebook:" + mid, WAIT, socialdesk::log);

    rt.correspondAsAgent(ticket, "Sorry for the wait, how can we help?");

    assertThat(
            TestRt.holdsWithin(WAIT, () -> rt.fieldValues(ticket, "ReplyStatus").contains("held")))
        .as(socialdesk.log())
        .isTrue();
    assertThat(rt.transactionTexts(ticket, "Comment"))
        .anySatisfy(
            text ->
                assertThat(text)
                    .contains("within 24 hours (until", "until the customer writes again"));
    graph.verify(
        0,
        postRequestedFor(urlPathEqualTo("/" + VERSION + "/" + PAGE + "/messages"))
            .withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid))));
  }

  @Test
  void aForgedOrUnsignedDeliveryCreatesNothing() throws Exception {
    String postId = PAGE + "_" + IDS.incrementAndGet();
    String forgedComment = IDS.incrementAndGet() + "_" + IDS.incrementAndGet();
    String comment = IDS.incrementAndGet() + "_" + IDS.incrementAndGet();
    byte[] forgery =
        feedComment(postId, forgedComment, "5550000000000003", "Mallory", "Refund me now");
    byte[] delivery = feedComment(postId, comment, "5550000000000004", "Nadia", "Where is it?");

    HttpResponse<String> forged = deliver(forgery, "sha256=" + "0".repeat(64));
    HttpResponse<String> unsigned = deliver(forgery, null);
    HttpResponse<String> genuine = deliver(delivery, sign(delivery));

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(genuine.statusCode()).isEqualTo(200);
    String ticket = rt.awaitTicketWithPost("facebook:" + comment, WAIT, socialdesk::log);
    assertThat(rt.ticketsWithPost("facebook:" + comment)).containsExactly(ticket);
    // Deliveries are read in the order they were kept: had the forgery been kept, its ticket
    // would exist by now.
    assertThat(rt.ticketsWithPost("facebook:" + forgedComment)).isEmpty();
  }

  @Test
  void aKillBetweenStoringAndCreatingLosesAndDuplicatesNothing() throws Exception {
    String postId = PAGE + "_" + IDS.incrementAndGet();
    List<String> comments = new ArrayList<>();
    List<byte[]> deliveries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String comment = IDS.incrementAndGet() + "_" + IDS.incrementAndGet();
      comments.add(comment);
      deliveries.add(
          feedComment(
              postId,
              comment,
              Long.toString(IDS.incrementAndGet()),
              "Customer " + i,
              "Where is order " + i + "?"));
    }
    for (byte[] delivery : deliveries) {
      assertThat(deliver(delivery, sign(delivery)).body()).isEqualTo("{\"queued\":true}");
    }

    assertThat(socialdesk.kill()).isEqualTo(137);
    socialdesk.start();

    for (byte[] delivery : deliveries) {
      assertThat(deliver(delivery, sign(delivery)).statusCode())
          .as("Meta delivering again after the crash")
          .isEqualTo(200);
    }
    for (String comment : comments) {
      String ticket = rt.awaitTicketWithPost("facebook:" + comment, WAIT, socialdesk::log);
      assertThat(rt.ticketsWithPost("facebook:" + comment)).as(comment).containsExactly(ticket);
      assertThat(rt.fieldValues(ticket, "SocialPostId"))
          .as(comment)
          .containsExactly("facebook:" + comment);
    }
  }

  private static byte[] feedComment(
      String postId, String commentId, String fromId, String name, String message)
      throws Exception {
    Map<String, Object> value =
        Map.of(
            "item",
            "comment",
            "verb",
            "add",
            "post_id",
            postId,
            "comment_id",
            commentId,
            "parent_id",
            postId,
            "from",
            Map.of("id", fromId, "name", name),
            "message",
            message,
            "created_time",
            Instant.now().getEpochSecond());
    return JSON.writeValueAsBytes(
        Map.of(
            "object",
            "page",
            "entry",
            List.of(
                Map.of(
                    "id",
                    PAGE,
                    "time",
                    Instant.now().getEpochSecond(),
                    "changes",
                    List.of(Map.of("field", "feed", "value", value))))));
  }

  /**
   * {@code sha256=} and the lowercase hex HMAC-SHA256 of the raw body keyed with the app secret.
   */
  private static String sign(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  private HttpResponse<String> deliver(byte[] body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(socialdesk.url("/api/channels/meta/webhook"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> verify(String token, String challenge) throws Exception {
    String query =
        "?hub.mode=subscribe&hub.verify_token="
            + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)
            + "&hub.challenge="
            + java.net.URLEncoder.encode(challenge, StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(socialdesk.url("/api/channels/meta/webhook" + query)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
