package org.socialdesk.channel.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.x.XStubs.BRAND_ID;
import static org.socialdesk.channel.x.XStubs.NOW;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingJetty;
import org.socialdesk.testkit.TestingPluginContext;

class XWebhookServletTest {

  private static final String CUSTOMER = "2244994945";
  private static final String TWEET = "1050118621198921728";
  private static final String ANSWERED = "1050118000000000000";

  private final RecordingIngest ingest = new RecordingIngest();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestingPluginContext context;
  private TestingJetty jetty;

  @BeforeEach
  void startWebhook() throws Exception {
    context =
        TestingPluginContext.builder()
            .clock(new SettableClock(NOW))
            .ingest(ingest)
            .runMode(RunMode.SERVER)
            .scheduler(Executors.newSingleThreadScheduledExecutor())
            .httpClients(Duration.ofSeconds(5))
            .build();
    XChannel.start(webhookConfig(), context);
    jetty = new TestingJetty(context.mounts());
  }

  @AfterEach
  void stopWebhook() throws Exception {
    jetty.close();
    context.scheduler().shutdownNow();
    context.close();
  }

  @Test
  void isMountedPublicSinceXSignsItsCalls() {
    assertThat(context.mounts().get("/api/channels/x/webhook").access())
        .isEqualTo(WebRegistry.Access.PUBLIC);
  }

  @Test
  void answersTheCrcChallengeWithTheHmacOfTheToken() throws Exception {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri("?crc_token=challenge-123")).GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(json(response).path("response_token").asText())
        .isEqualTo("sha256=" + hmac("challenge-123"));
  }

  @Test
  void refusesACrcWithoutAToken() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("")).GET());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).contains("crc_token");
  }

  @Test
  void storesSignedMentionsMessagesAndDeletionsThenAcknowledges() throws Exception {
    HttpResponse<String> response = deliver(signed(delivery()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ingest.stored()).hasSize(3);
    SocialPost mention = ((InboundEvent.NewPost) ingest.stored().get(0)).post();
    assertThat(mention)
        .isEqualTo(
            new SocialPost(
                new PostKey("x", TWEET),
                ANSWERED,
                ANSWERED,
                new Author(
                    "x",
                    CUSTOMER,
                    "nadia_k",
                    "Nadia K.",
                    1200,
                    false,
                    4,
                    Instant.parse("2012-06-01T08:00:00Z")),
                "@ShopKite my parcel never arrived, order 1234, can you check please?",
                Instant.parse("2018-10-10T20:19:24Z"),
                Visibility.PUBLIC,
                URI.create("https://x.com/nadia_k/status/" + TWEET),
                new org.socialdesk.api.social.Engagement(3, 1, 0, 0),
                Map.of("quotedPostId", "1049999999999999999", "lang", "en")));
    SocialPost message = ((InboundEvent.NewPost) ingest.stored().get(1)).post();
    assertThat(message.key()).isEqualTo(new PostKey("x", "1050200000000000001"));
    assertThat(message.visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(message.conversationId()).isEqualTo(CUSTOMER + "-" + BRAND_ID);
    assertThat(message.text()).isEqualTo("Hi, here is my order number: 1234");
    assertThat(message.postedAt()).isEqualTo(Instant.ofEpochMilli(1539203000000L));
    assertThat(message.author().handle()).isEqualTo("nadia_k");
    assertThat(ingest.stored().get(2))
        .isEqualTo(
            new InboundEvent.PostDeleted(
                new PostKey("x", "1050100000000000000"), Instant.ofEpochMilli(1539205000000L)));
  }

  @Test
  void refusesAForgedSignatureAndStoresNothing() throws Exception {
    byte[] body = delivery().getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        deliver(body, "sha256=" + Base64.getEncoder().encodeToString(new byte[32]));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("error").asText()).contains("does not match");
    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void refusesAMissingSignatureAndStoresNothing() throws Exception {
    HttpResponse<String> response = deliver(delivery().getBytes(StandardCharsets.UTF_8), null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("error").asText()).contains("missing");
    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void checksTheSignatureOverTheRawBytesAsSent() throws Exception {
    String escaped =
        "{\"for_user_id\":\""
            + BRAND_ID
            + "\",\"tweet_create_events\":[{\"id_str\":\""
            + TWEET
            + "\",\"text\":\"\\u0e2a\\u0e27\\u0e31\\u0e2a\\u0e14\\u0e35 @ShopKite\",\"user\":{\"id_str\":\""
            + CUSTOMER
            + "\",\"screen_name\":\"nadia_k\"}}]}";

    HttpResponse<String> response = deliver(signed(escaped));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(((InboundEvent.NewPost) ingest.stored().getFirst()).post().text())
        .isEqualTo("สวัสดี @ShopKite");
  }

  @Test
  void acceptsAReplayedDeliveryAsADuplicate() throws Exception {
    byte[][] signed = signed(delivery());

    assertThat(deliver(signed).statusCode()).isEqualTo(200);
    HttpResponse<String> replay = deliver(signed);

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(json(replay).path("stored").asInt()).isZero();
    assertThat(ingest.stored()).hasSize(3);
    assertThat(ingest.calls()).hasSize(6);
  }

  @Test
  void answers503WhenTheHostCannotStoreSoXDeliversAgain() throws Exception {
    byte[][] signed = signed(delivery());
    ingest.failAfter(1);

    HttpResponse<String> refused = deliver(signed);
    ingest.recover();
    HttpResponse<String> retried = deliver(signed);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(ingest.stored()).hasSize(3);
  }

  @Test
  void quarantinesASignedDeliveryThatIsNotJsonAndAcknowledgesItSoXStopsSendingIt()
      throws Exception {
    HttpResponse<String> response = deliver(signed("{\"tweet_create_events\": [ {\u0000"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("quarantined").asInt()).isEqualTo(1);
    assertThat(ingest.calls()).isEmpty();
    assertThat(ingest.quarantined())
        .singleElement()
        .satisfies(
            kept -> {
              assertThat(kept.network()).isEqualTo("x");
              assertThat(kept.reason()).startsWith("malformed JSON");
              assertThat(kept.payload()).isEqualTo("{\"tweet_create_events\": [ {\u0000");
            });
  }

  @Test
  void refusesToAnswerTheCrcForATokenThatCouldBeADeliveryBody() throws Exception {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri("?crc_token=" + urlEncoded(delivery()))).GET());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).has("response_token")).isFalse();
    assertThat(json(response).path("error").asText()).contains("crc_token");
  }

  @Test
  void refusesCrcTokensLongerThanXSends() throws Exception {
    assertThat(
            send(HttpRequest.newBuilder(uri("?crc_token=" + "A".repeat(129))).GET()).statusCode())
        .isEqualTo(400);
    assertThat(
            send(HttpRequest.newBuilder(uri("?crc_token=" + "A".repeat(128))).GET()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aDeliverySignedThroughTheCrcEndpointIsRefused() throws Exception {
    byte[] body = delivery().getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> crc =
        send(HttpRequest.newBuilder(uri("?crc_token=" + urlEncoded(delivery()))).GET());
    String oracle = json(crc).path("response_token").asText("sha256=none");

    HttpResponse<String> forged = deliver(body, oracle);

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(ingest.calls()).isEmpty();
    assertThat(ingest.quarantined()).isEmpty();
  }

  /**
   * What the CRC may sign is of [A-Za-z0-9+/=_-], and a delivery is refused unless its first byte
   * is '{', so no CRC answer is ever the signature of a body the webhook reads.
   */
  @Test
  void aBodySignedThroughTheCrcEndpointWithAnAllowedTokenIsNeverRead() throws Exception {
    for (String token : java.util.List.of("12345", "true", "null", "abc-DEF_123=", "e30=")) {
      String oracle =
          json(send(HttpRequest.newBuilder(uri("?crc_token=" + token)).GET()))
              .path("response_token")
              .asText();

      HttpResponse<String> forged = deliver(token.getBytes(StandardCharsets.US_ASCII), oracle);

      assertThat(forged.statusCode()).as(token).isEqualTo(400);
    }
    assertThat(ingest.calls()).isEmpty();
    assertThat(ingest.quarantined()).isEmpty();
  }

  @Test
  void aTweetWhoseIdHoldsAQuoteIsQuarantinedAndTheRestOfTheDeliveryStored() throws Exception {
    String body =
        "{\"for_user_id\":\""
            + BRAND_ID
            + "\",\"tweet_create_events\":[{\"id_str\":\"12\\\"34\","
            + "\"text\":\"hi\",\"user\":{\"id_str\":\""
            + CUSTOMER
            + "\",\"screen_name\":\"nadia_k\"}},"
            + "{\"id_str\":\""
            + TWEET
            + "\",\"text\":\"@ShopKite hello\",\"user\":{\"id_str\":\""
            + CUSTOMER
            + "\",\"screen_name\":\"nadia_k\"}}]}";

    HttpResponse<String> response = deliver(signed(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ingest.storedPostIds()).containsExactly(TWEET);
    assertThat(ingest.quarantined())
        .singleElement()
        .satisfies(
            kept -> {
              assertThat(kept.reason()).contains("id").contains("12\"34");
              assertThat(kept.payload()).contains("12\\\"34");
            });
  }

  @Test
  void aTweetWhoseHandleHoldsANulByteIsStoredNotAnsweredWithA500() throws Exception {
    String body =
        "{\"for_user_id\":\""
            + BRAND_ID
            + "\",\"tweet_create_events\":[{\"id_str\":\""
            + TWEET
            + "\",\"text\":\"@ShopKite hello\",\"user\":{\"id_str\":\""
            + CUSTOMER
            + "\",\"screen_name\":\"nadia\\u0000k\"}}]}";

    HttpResponse<String> response = deliver(signed(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ingest.storedPostIds()).containsExactly(TWEET);
    assertThat(((InboundEvent.NewPost) ingest.stored().getFirst()).post().url())
        .isEqualTo(URI.create("https://x.com/i/web/status/" + TWEET));
  }

  @Test
  void anEventThatCannotBecomeAPostIsQuarantinedWithItsReason() throws Exception {
    String body =
        "{\"for_user_id\":\""
            + BRAND_ID
            + "\",\"tweet_create_events\":[{\"id_str\":\""
            + TWEET
            + "\",\"text\":\"hi\",\"user\":{\"id_str\":\"   \",\"screen_name\":\"nadia_k\"}}]}";

    HttpResponse<String> response = deliver(signed(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ingest.calls()).isEmpty();
    assertThat(ingest.quarantined())
        .singleElement()
        .satisfies(kept -> assertThat(kept.reason()).isNotBlank());
  }

  @Test
  void answers503WhenTheQuarantineCannotBeStoredEither() throws Exception {
    ingest.failWith("database down");

    HttpResponse<String> response = deliver(signed("{\"tweet_create_events\": [ {"));

    assertThat(response.statusCode()).isEqualTo(503);
  }

  @Test
  void skipsTheBrandsOwnEventsAndDeliveriesForAnotherAccount() throws Exception {
    String own =
        "{\"for_user_id\":\""
            + BRAND_ID
            + "\",\"tweet_create_events\":[{\"id_str\":\""
            + TWEET
            + "\",\"text\":\"@nadia_k on it!\",\"user\":{\"id_str\":\""
            + BRAND_ID
            + "\",\"screen_name\":\"ShopKite\"}}],"
            + "\"direct_message_events\":[{\"type\":\"message_create\",\"id\":\"1050200000000000002\",\"created_timestamp\":\"1539203000000\","
            + "\"message_create\":{\"target\":{\"recipient_id\":\""
            + CUSTOMER
            + "\"},\"sender_id\":\""
            + BRAND_ID
            + "\",\"message_data\":{\"text\":\"Sent!\"}}}]}";
    String someoneElses =
        "{\"for_user_id\":\"42\",\"tweet_create_events\":[{\"id_str\":\""
            + TWEET
            + "\",\"text\":\"hi\",\"user\":{\"id_str\":\""
            + CUSTOMER
            + "\",\"screen_name\":\"nadia_k\"}}]}";

    assertThat(deliver(signed(own)).statusCode()).isEqualTo(200);
    assertThat(deliver(signed(someoneElses)).statusCode()).isEqualTo(200);

    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void anEditedTweetIsAnEditOfTheOriginal() throws Exception {
    String original =
        "{\"for_user_id\":\""
            + BRAND_ID
            + "\",\"tweet_create_events\":[{\"id_str\":\""
            + ANSWERED
            + "\",\"text\":\"@ShopKite order 1243\",\"user\":{\"id_str\":\""
            + CUSTOMER
            + "\",\"screen_name\":\"nadia_k\"}}]}";
    String edit =
        "{\"for_user_id\":\""
            + BRAND_ID
            + "\",\"tweet_create_events\":[{\"id_str\":\""
            + TWEET
            + "\",\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"text\":\"@ShopKite order 1234\","
            + "\"edit_history\":{\"initial_tweet_id\":\""
            + ANSWERED
            + "\",\"edit_tweet_ids\":[\""
            + ANSWERED
            + "\",\""
            + TWEET
            + "\"]},"
            + "\"user\":{\"id_str\":\""
            + CUSTOMER
            + "\",\"screen_name\":\"nadia_k\"}}]}";

    deliver(signed(original));
    deliver(signed(edit));

    assertThat(ingest.stored()).hasSize(2);
    assertThat(ingest.stored().getLast())
        .isEqualTo(
            new InboundEvent.PostEdited(
                new PostKey("x", ANSWERED),
                "@ShopKite order 1234",
                Instant.parse("2018-10-10T20:19:24Z")));
  }

  /**
   * An Account Activity delivery as docs.x.com shows them: a reply, one DM each way, a deletion.
   */
  private static String delivery() {
    return """
        {
          "for_user_id": "%1$s",
          "user_has_blocked": "false",
          "tweet_create_events": [{
            "created_at": "Wed Oct 10 20:19:24 +0000 2018",
            "id": %2$s, "id_str": "%2$s",
            "text": "@ShopKite my parcel never arrived, order 1234, can you ch\\u2026",
            "truncated": true,
            "extended_tweet": {"full_text": "@ShopKite my parcel never arrived, order 1234, can you check please?"},
            "in_reply_to_status_id_str": "%3$s",
            "quoted_status_id_str": "1049999999999999999",
            "user": {"id": %4$s, "id_str": "%4$s", "name": "Nadia K.", "screen_name": "nadia_k",
                     "followers_count": 1200, "listed_count": 4, "verified": false,
                     "created_at": "Fri Jun 01 08:00:00 +0000 2012"},
            "favorite_count": 3, "retweet_count": 1, "lang": "en", "timestamp_ms": "1539202764000"
          }, {
            "created_at": "Wed Oct 10 20:25:00 +0000 2018",
            "id_str": "1050120000000000000", "text": "@nadia_k sorry to hear that, DM us",
            "user": {"id_str": "%1$s", "screen_name": "ShopKite"}
          }],
          "direct_message_events": [{
            "type": "message_create", "id": "1050200000000000001", "created_timestamp": "1539203000000",
            "message_create": {"target": {"recipient_id": "%1$s"}, "sender_id": "%4$s",
                               "message_data": {"text": "Hi, here is my order number: 1234", "entities": {}}}
          }, {
            "type": "message_create", "id": "1050200000000000002", "created_timestamp": "1539204000000",
            "message_create": {"target": {"recipient_id": "%4$s"}, "sender_id": "%1$s",
                               "message_data": {"text": "Thanks, checking now"}}
          }],
          "users": {
            "%4$s": {"id": "%4$s", "created_timestamp": "1338537600000", "name": "Nadia K.", "screen_name": "nadia_k",
                     "verified": false, "followers_count": 1200},
            "%1$s": {"id": "%1$s", "name": "ShopKite", "screen_name": "ShopKite"}
          },
          "tweet_delete_events": [{"status": {"id": "1050100000000000000", "user_id": "%4$s"}, "timestamp_ms": "1539205000000"}]
        }
        """
        .formatted(BRAND_ID, TWEET, ANSWERED, CUSTOMER);
  }

  private static XConfig webhookConfig() {
    return new XConfig(
        true,
        URI.create("http://127.0.0.1:9"),
        BRAND_ID,
        "ShopKite",
        null,
        XStubs.USER_TOKEN,
        XStubs.CONSUMER_SECRET,
        "webhook",
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The body and its signature, computed here independently of the code under test. */
  private static byte[][] signed(String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new byte[][] {bytes, ("sha256=" + hmac(bytes)).getBytes(StandardCharsets.US_ASCII)};
  }

  private static String hmac(String text) throws Exception {
    return hmac(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String hmac(byte[] bytes) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            XStubs.CONSUMER_SECRET.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(bytes));
  }

  private HttpResponse<String> deliver(byte[][] signed) throws Exception {
    return deliver(signed[0], new String(signed[1], StandardCharsets.US_ASCII));
  }

  private HttpResponse<String> deliver(byte[] body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(""))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("x-twitter-webhooks-signature", signature);
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String urlEncoded(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private URI uri(String query) {
    return jetty.uri("/api/channels/x/webhook" + query);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return XJson.MAPPER.readTree(response.body());
  }
}
