package org.socialdesk.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.channel.telegram.TelegramSpec;

/**
 * The Telegram channel end to end in webhook mode: updates shaped as the Bot API sends them, posted
 * with the {@code X-Telegram-Bot-Api-Secret-Token} header to the real distribution, filed in the
 * real RT; the agent's reply goes to WireMock playing the Bot API, and every request Socialdesk
 * makes there is judged against the Bot API's OpenAPI ({@link TelegramSpec}).
 */
class TelegramChannelIT {

  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String TOKEN = "7001234567:AAHe2eTelegramTokenForTheEmulator_x";
  private static final long BOT_ID = 7001234567L;
  private static final String SECRET = "e2e_telegram-webhook-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Chat and update ids of this run, which never meet an earlier run's in the shared RT. */
  private static final AtomicLong IDS =
      new AtomicLong(Instant.now().toEpochMilli() % 1_000_000_000_000L);

  @TempDir static Path work;
  private static TestRt rt;
  private static WireMockServer telegram;
  private static SocialdeskProcess socialdesk;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    rt = TestRt.fromEnvironment();
    telegram =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    telegram.start();
    socialdesk =
        SocialdeskProcess.configure(
            work,
            rt,
            """
        social-channel:
          telegram:
            enabled: true
            base-url: http://127.0.0.1:%d
            bot-token: "%s"
            mode: webhook
            webhook-secret: %s
        """
                .formatted(telegram.port(), TOKEN, SECRET));
    assertThat(socialdesk.command("rt", "provision").exitCode()).isZero();
    socialdesk.start();
  }

  @AfterEach
  void judgeEveryExchange() {
    List<ServeEvent> events = new ArrayList<>(telegram.getAllServeEvents());
    assertThat(TelegramSpec.problems(events.reversed()))
        .as("requests to the emulated Bot API that its OpenAPI does not allow")
        .isEmpty();
    telegram.resetAll();
  }

  @AfterAll
  static void stop() throws Exception {
    if (socialdesk != null) {
      socialdesk.stop();
    }
    if (telegram != null) {
      telegram.stop();
    }
  }

  @Test
  void aPrivateMessageBecomesATicketAndTheAgentsReplyGoesBackInTheChatAsAReplyToIt()
      throws Exception {
    long chat = IDS.incrementAndGet();
    Map<String, Object> update =
        update(
            message(
                15,
                privateChat(chat),
                customer(chat, "maryam_t"),
                "سلام، سفارش ۴۵۶ من هنوز نرسیده 📦"));

    HttpResponse<String> delivered = deliver(update, SECRET);

    assertThat(delivered.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(delivered.body()).path("update").asText()).isEqualTo("stored");
    String ticket = ticketOf(chat + ":15");
    assertThat(rt.fieldValues(ticket, "Channel")).containsExactly("telegram");
    assertThat(rt.transactionTexts(ticket, "Create"))
        .anySatisfy(text -> assertThat(text).contains("سفارش ۴۵۶ من هنوز نرسیده 📦"));
    telegram.stubFor(
        method("sendMessage").willReturn(ok(message(16, privateChat(chat), bot(), "sent"))));

    rt.correspondAsAgent(ticket, "سفارش شما امروز ارسال شد.");

    assertThat(
            TestRt.holdsWithin(
                WAIT, () -> rt.fieldValues(ticket, "ReplyStatus").contains("published")))
        .as(socialdesk.log())
        .isTrue();
    List<LoggedRequest> sent =
        telegram.findAll(postRequestedFor(urlEqualTo("/bot" + TOKEN + "/sendMessage")));
    assertThat(sent).hasSize(1);
    JsonNode body = JSON.readTree(sent.getFirst().getBodyAsString());
    assertThat(body.path("chat_id").asLong()).isEqualTo(chat);
    assertThat(body.path("reply_parameters").path("message_id").asLong()).isEqualTo(15);
    assertThat(body.path("text").asText()).contains("سفارش شما امروز ارسال شد.");
  }

  @Test
  void aGroupMentionIsAnsweredInTheGroupAsAReplyToTheCustomersMessage() throws Exception {
    long group = -1_000_000_000_000L - IDS.incrementAndGet();
    long customer = IDS.incrementAndGet();
    telegram.stubFor(method("getMe").willReturn(ok(bot())));
    String text = "@ShopKiteBot สั่งของไปแล้วยังไม่ได้รับเลยครับ 🙏";
    Map<String, Object> message =
        message(
            77,
            Map.of("id", group, "type", "supergroup", "title", "ShopKite fans"),
            customer(customer, null),
            text);
    message.put("entities", List.of(Map.of("type", "mention", "offset", 0, "length", 12)));
    deliver(update(message), SECRET);
    String ticket = ticketOf(group + ":77");
    telegram.stubFor(
        method("sendMessage")
            .willReturn(
                ok(
                    message(
                        78,
                        Map.of("id", group, "type", "supergroup", "title", "ShopKite fans"),
                        bot(),
                        "ok"))));

    rt.correspondAsAgent(ticket, "ขออภัยครับ เราจะตรวจสอบให้ทันที");

    assertThat(
            TestRt.holdsWithin(
                WAIT, () -> rt.fieldValues(ticket, "ReplyStatus").contains("published")))
        .as(socialdesk.log())
        .isTrue();
    telegram.verify(
        1,
        postRequestedFor(urlEqualTo("/bot" + TOKEN + "/sendMessage"))
            .withRequestBody(matchingJsonPath("$.chat_id", equalTo(Long.toString(group))))
            .withRequestBody(matchingJsonPath("$.reply_parameters.message_id", equalTo("77"))));
  }

  @Test
  void aWrongSecretIsRefusedAndStoresNothing() throws Exception {
    long chat = IDS.incrementAndGet();
    Map<String, Object> update =
        update(message(5, privateChat(chat), customer(chat, "mallory"), "give me a refund now"));

    HttpResponse<String> wrong = deliver(update, SECRET + "x");
    HttpResponse<String> missing = deliver(update, null);

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(missing.statusCode()).isEqualTo(401);
    // Had either been stored, the genuine delivery of the same update would be a duplicate.
    HttpResponse<String> genuine = deliver(update, SECRET);
    assertThat(JSON.readTree(genuine.body()).path("update").asText()).isEqualTo("stored");
    String ticket = ticketOf(chat + ":5");
    assertThat(rt.ticketsWithPost("telegram:" + chat + ":5")).containsExactly(ticket);
  }

  @Test
  void theSameUpdateDeliveredTwiceMakesOneTicket() throws Exception {
    long chat = IDS.incrementAndGet();
    Map<String, Object> update =
        update(
            message(9, privateChat(chat), customer(chat, "petra_v"), "my package arrived damaged"));

    JsonNode first = JSON.readTree(deliver(update, SECRET).body());
    JsonNode again = JSON.readTree(deliver(update, SECRET).body());
    String ticket = ticketOf(chat + ":9");

    assertThat(first.path("update").asText()).isEqualTo("stored");
    assertThat(again.path("update").asText()).isEqualTo("duplicate");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(rt.ticketsWithPost("telegram:" + chat + ":9")).containsExactly(ticket);
              assertThat(rt.fieldValues(ticket, "SocialPostId"))
                  .containsExactly("telegram:" + chat + ":9");
            });
  }

  @Test
  void aCustomerWhoBlockedTheBotGetsAFailedReplyStatusAndANoteSayingSo() throws Exception {
    long chat = IDS.incrementAndGet();
    deliver(
        update(message(21, privateChat(chat), customer(chat, "blocker"), "where is my refund?")),
        SECRET);
    String ticket = ticketOf(chat + ":21");
    telegram.stubFor(
        method("sendMessage")
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        XEmulator.json(
                            Map.of(
                                "ok",
                                false,
                                "error_code",
                                403,
                                "description",
                                "Forbidden: bot was blocked by the user")))));

    rt.correspondAsAgent(ticket, "Your refund was sent yesterday.");

    assertThat(
            TestRt.holdsWithin(
                WAIT, () -> rt.fieldValues(ticket, "ReplyStatus").contains("failed")))
        .as(socialdesk.log())
        .isTrue();
    assertThat(rt.transactionTexts(ticket, "Comment"))
        .anySatisfy(text -> assertThat(text).contains("blocked the bot"));
    telegram.verify(1, postRequestedFor(urlEqualTo("/bot" + TOKEN + "/sendMessage")));
  }

  @Test
  void personalDataInAGroupReplyIsHeldAndNothingIsSent() throws Exception {
    long group = -1_000_000_000_000L - IDS.incrementAndGet();
    long customer = IDS.incrementAndGet();
    telegram.stubFor(method("getMe").willReturn(ok(bot())));
    Map<String, Object> message =
        message(
            40,
            Map.of("id", group, "type", "supergroup", "title", "ShopKite fans"),
            customer(customer, null),
            "@ShopKiteBot call me about my order");
    message.put("entities", List.of(Map.of("type", "mention", "offset", 0, "length", 12)));
    deliver(update(message), SECRET);
    String ticket = ticketOf(group + ":40");

    rt.correspondAsAgent(ticket, "We will call you on +98 912 345 6789 today.");

    assertThat(
            TestRt.holdsWithin(WAIT, () -> rt.fieldValues(ticket, "ReplyStatus").contains("held")))
        .as(socialdesk.log())
        .isTrue();
    assertThat(rt.transactionTexts(ticket, "Comment"))
        .anySatisfy(text -> assertThat(text).contains("personal data"));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                telegram.verify(0, postRequestedFor(urlEqualTo("/bot" + TOKEN + "/sendMessage"))));
  }

  private static MappingBuilder method(String name) {
    return post(urlEqualTo("/bot" + TOKEN + "/" + name));
  }

  private static ResponseDefinitionBuilder ok(Object result) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(XEmulator.json(Map.of("ok", true, "result", result)));
  }

  private static Map<String, Object> update(Map<String, Object> message) {
    Map<String, Object> update = new LinkedHashMap<>();
    update.put("update_id", IDS.incrementAndGet());
    update.put("message", message);
    return update;
  }

  private static Map<String, Object> message(
      long id, Map<String, Object> chat, Map<String, Object> from, String text) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("message_id", id);
    message.put("from", from);
    message.put("chat", chat);
    message.put("date", Instant.now().getEpochSecond());
    message.put("text", text);
    return message;
  }

  private static Map<String, Object> privateChat(long id) {
    return Map.of("id", id, "type", "private", "first_name", "Customer");
  }

  private static Map<String, Object> customer(long id, String username) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", id);
    user.put("is_bot", false);
    user.put("first_name", "Customer");
    if (username != null) {
      user.put("username", username);
    }
    return user;
  }

  private static Map<String, Object> bot() {
    return Map.of(
        "id", BOT_ID, "is_bot", true, "first_name", "ShopKite", "username", "ShopKiteBot");
  }

  private HttpResponse<String> deliver(Map<String, Object> update, String secret) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(socialdesk.url("/api/channels/telegram/webhook"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(XEmulator.json(update)));
    if (secret != null) {
      request.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String ticketOf(String postId) throws Exception {
    return rt.awaitTicketWithPost("telegram:" + postId, WAIT, socialdesk::log);
  }
}
