package org.socialdesk.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socialdesk.host.e2e.XEmulator.BRAND_ID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The X channel end to end in webhook mode: Account Activity deliveries (v1.1 shapes, from X's
 * docs) signed as X signs them, sent to the real distribution, filed in the real RT.
 */
class XWebhookIT {

  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String CONSUMER_SECRET = "e2e-consumer-secret";
  private static final DateTimeFormatter V1_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss xx yyyy", Locale.ROOT);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static TestRt rt;
  private static XEmulator x;
  private static SocialdeskProcess socialdesk;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    rt = TestRt.fromEnvironment();
    x = new XEmulator();
    socialdesk =
        SocialdeskProcess.configure(
            work,
            rt,
            """
        social-channel:
          x:
            enabled: true
            mode: webhook
            base-url: %s
            brand-user-id: "%s"
            brand-username: %s
            user-access-token: %s
            consumer-secret: %s
        """
                .formatted(
                    x.baseUrl(),
                    BRAND_ID,
                    XEmulator.BRAND_HANDLE,
                    XEmulator.USER_TOKEN,
                    CONSUMER_SECRET));
    assertThat(socialdesk.command("rt", "provision").exitCode()).isZero();
    socialdesk.start();
  }

  @AfterEach
  void judgeEveryExchange() {
    x.assertExchangesConformToTheSpec();
  }

  @AfterAll
  static void stop() throws Exception {
    if (socialdesk != null) {
      socialdesk.stop();
    }
    if (x != null) {
      x.close();
    }
  }

  @Test
  void aForgedSignatureIsRefusedWith401AndNothingIsStored() throws Exception {
    String id = x.newId();
    byte[] delivery = mention(id, "mallory", "@ShopKite give me a refund now");

    HttpResponse<String> forged =
        deliver(delivery, "sha256=" + Base64.getEncoder().encodeToString(new byte[32]));
    HttpResponse<String> unsigned = deliver(delivery, null);

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    // Had either been stored, the genuine delivery would be a duplicate (stored 0).
    HttpResponse<String> genuine = deliver(delivery, sign(delivery));
    assertThat(JSON.readTree(genuine.body()).path("stored").asInt()).isEqualTo(1);
    String ticket = ticketOf(id);
    assertThat(rt.ticketsWithPost("x:" + id)).containsExactly(ticket);
  }

  @Test
  void aQuotedIdIsQuarantinedForTheAdminAndANulInTheHandleIsCleanedNeverA5xx() throws Exception {
    String id = x.newId();
    JsonNode good = JSON.readTree(mention(id, "nadia\u0000k", "@ShopKite my order\u0000 is late"));
    ObjectNode quoted = ((ObjectNode) good.path("tweet_create_events").get(0)).deepCopy();
    quoted.remove("id");
    quoted.put("id_str", "12\"34");
    ((com.fasterxml.jackson.databind.node.ArrayNode) good.path("tweet_create_events"))
        .insert(0, quoted);
    byte[] delivery = bytes(good);

    HttpResponse<String> response = deliver(delivery, sign(delivery));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("quarantined").asInt()).isEqualTo(1);
    String ticket = ticketOf(id);
    assertThat(rt.fieldValues(ticket, "SocialAuthor")).containsExactly("@nadia\uFFFDk");
    JsonNode pipeline = JSON.readTree(socialdesk.get("/api/admin/pipeline").body());
    assertThat(pipeline.path("quarantined").path("count").asInt()).isPositive();
    assertThat(pipeline.path("quarantined").path("latest").get(0).path("reason").asText())
        .contains("12\"34");
  }

  @Test
  void aReplayedWebhookAndADuplicateDeliveryCreateNothingTwice() throws Exception {
    String id = x.newId();
    byte[] delivery = mention(id, "petra_v", "@ShopKite my package arrived damaged");

    JsonNode first = JSON.readTree(deliver(delivery, sign(delivery)).body());
    JsonNode duplicate = JSON.readTree(deliver(delivery, sign(delivery)).body());
    String ticket = ticketOf(id);
    // X's replay API sends the same event again later, in a delivery of its own.
    byte[] replay = mention(id, "petra_v", "@ShopKite my package arrived damaged");
    JsonNode replayed = JSON.readTree(deliver(replay, sign(replay)).body());

    assertThat(first.path("stored").asInt()).isEqualTo(1);
    assertThat(duplicate.path("stored").asInt()).isZero();
    assertThat(replayed.path("stored").asInt()).isZero();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(rt.ticketsWithPost("x:" + id)).containsExactly(ticket);
              assertThat(rt.fieldValues(ticket, "SocialPostId")).containsExactly("x:" + id);
              assertThat(rt.transactionTexts(ticket, "Correspond")).isEmpty();
            });
  }

  @Test
  void aDeletedPostIsMarkedOnTheTicketAndNeverAnsweredInPublic() throws Exception {
    String id = x.newId();
    String author = x.newId();
    byte[] delivery = mention(id, author, "hugo_d", "@ShopKite worst service ever");
    deliver(delivery, sign(delivery));
    String ticket = ticketOf(id);

    byte[] deletion =
        bytes(
            Map.of(
                "for_user_id",
                BRAND_ID,
                "tweet_delete_events",
                List.of(
                    Map.of(
                        "status",
                        Map.of("id", id, "user_id", author),
                        "timestamp_ms",
                        String.valueOf(Instant.now().toEpochMilli())))));
    assertThat(deliver(deletion, sign(deletion)).statusCode()).isEqualTo(200);
    assertThat(
            eventually(
                () ->
                    rt.transactionTexts(ticket, "Comment").stream()
                        .anyMatch(t -> t.contains("deleted this post"))))
        .as(socialdesk.log())
        .isTrue();

    rt.correspondAsAgent(ticket, "Sorry to hear that, how can we help?");

    assertThat(eventually(() -> rt.fieldValues(ticket, "ReplyStatus").contains("held")))
        .as(socialdesk.log())
        .isTrue();
    assertThat(rt.transactionTexts(ticket, "Comment"))
        .anySatisfy(text -> assertThat(text).contains("not answered in public"));
    assertThat(x.exchanges()).noneMatch(e -> e.getRequest().getUrl().startsWith("/2/tweets"));
  }

  @Test
  void aDirectMessageDeliveredByWebhookBecomesAPrivateTicketAndTheReplyGoesOutAsADirectMessage()
      throws Exception {
    String eventId = x.newId();
    String customer = x.newId();
    byte[] delivery =
        directMessage(eventId, customer, "lena_w", "Hi, my parcel SK-99120 never arrived");
    assertThat(JSON.readTree(deliver(delivery, sign(delivery)).body()).path("stored").asInt())
        .isEqualTo(1);
    String ticket = ticketOf(eventId);
    assertThat(rt.ticket(ticket).path("Subject").asText()).contains("DM");
    assertThat(rt.fieldValues(ticket, "SocialPostURL")).isEmpty();
    String path = "/2/dm_conversations/with/" + customer + "/messages";
    x.server()
        .stubFor(
            post(urlPathEqualTo(path))
                .withRequestBody(equalToJson("{\"text\": \"We are sending a new one today.\"}"))
                .willReturn(
                    XEmulator.created(
                        Map.of(
                            "data",
                            Map.of(
                                "dm_conversation_id",
                                customer + "-" + BRAND_ID,
                                "dm_event_id",
                                x.newId())))));

    rt.correspondAsAgent(ticket, "We are sending a new one today.");

    assertThat(eventually(() -> rt.fieldValues(ticket, "ReplyStatus").contains("published")))
        .as(socialdesk.log())
        .isTrue();
    x.server().verify(1, postRequestedFor(urlPathEqualTo(path)));
    x.server().verify(0, postRequestedFor(urlPathEqualTo("/2/tweets")));
  }

  /**
   * A {@code direct_message_events} delivery: one {@code message_create} to the brand, with the
   * sender in {@code users}, as Account Activity sends it.
   */
  private static byte[] directMessage(String eventId, String senderId, String handle, String text)
      throws Exception {
    Map<String, Object> messageCreate =
        Map.of(
            "target", Map.of("recipient_id", BRAND_ID),
            "sender_id", senderId,
            "message_data", Map.of("text", text, "entities", Map.of()));
    Map<String, Object> event =
        Map.of(
            "type",
            "message_create",
            "id",
            eventId,
            "created_timestamp",
            String.valueOf(Instant.now().toEpochMilli()),
            "message_create",
            messageCreate);
    Map<String, Object> sender =
        Map.of(
            "id",
            senderId,
            "created_timestamp",
            "1338537600000",
            "name",
            handle,
            "screen_name",
            handle,
            "verified",
            false,
            "followers_count",
            310);
    return bytes(
        Map.of(
            "for_user_id",
            BRAND_ID,
            "direct_message_events",
            List.of(event),
            "users",
            Map.of(senderId, sender)));
  }

  private byte[] mention(String id, String handle, String text) throws Exception {
    return mention(id, x.newId(), handle, text);
  }

  /** A {@code tweet_create_events} delivery with one v1.1 tweet, as Account Activity sends it. */
  private static byte[] mention(String id, String authorId, String handle, String text)
      throws Exception {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", Long.parseLong(authorId));
    user.put("id_str", authorId);
    user.put("name", handle);
    user.put("screen_name", handle);
    user.put("followers_count", 77);
    user.put("verified", false);
    user.put("created_at", "Mon Mar 04 05:06:07 +0000 2019");
    Map<String, Object> tweet = new LinkedHashMap<>();
    tweet.put("created_at", V1_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)));
    tweet.put("id", Long.parseLong(id));
    tweet.put("id_str", id);
    tweet.put("text", text);
    tweet.put("truncated", false);
    tweet.put("in_reply_to_status_id_str", null);
    tweet.put("user", user);
    tweet.put("lang", "en");
    return bytes(
        Map.of(
            "for_user_id",
            BRAND_ID,
            "user_has_blocked",
            "false",
            "tweet_create_events",
            List.of(tweet)));
  }

  private static byte[] bytes(Object value) throws Exception {
    return JSON.writeValueAsBytes(value);
  }

  /** {@code sha256=} and the Base64 HMAC-SHA256 of the raw body keyed with the consumer secret. */
  private static String sign(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(CONSUMER_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  private HttpResponse<String> deliver(byte[] body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(socialdesk.url("/api/channels/x/webhook"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("x-twitter-webhooks-signature", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String ticketOf(String postId) throws Exception {
    return rt.awaitTicketWithPost("x:" + postId, WAIT, socialdesk::log);
  }

  private static boolean eventually(TestRt.Check check) throws Exception {
    return TestRt.holdsWithin(WAIT, check);
  }
}
