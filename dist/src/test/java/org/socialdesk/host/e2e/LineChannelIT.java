package org.socialdesk.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.channel.line.LinePayloads;
import org.socialdesk.channel.line.LineSpec;

/**
 * The LINE channel end to end: webhook deliveries signed as LINE signs them, sent to the real
 * distribution, filed in the real RT; the agent's reply goes back into the same chat through the
 * emulated Messaging API (WireMock), every request judged against LINE's OpenAPI and every delivery
 * against line-webhook.yml. Ids are random per run, since the RT is shared between runs.
 */
class LineChannelIT {

  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong MESSAGE_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

  @TempDir static Path work;
  private static TestRt rt;
  private static WireMockServer line;
  private static SocialdeskProcess socialdesk;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    rt = TestRt.fromEnvironment();
    line =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    line.start();
    line.stubFor(
        get(urlPathMatching("/v2/bot/profile/U[0-9a-f]{32}"))
            .willReturn(
                okJson(
                    "{\"displayName\":\"สมศรี\",\"userId\":\""
                        + LinePayloads.USER
                        + "\",\"language\":\"th\"}")));
    line.stubFor(
        get(urlPathEqualTo("/v2/bot/message/quota")).willReturn(okJson("{\"type\":\"none\"}")));
    String url = "http://127.0.0.1:" + line.port();
    socialdesk =
        SocialdeskProcess.configure(
            work,
            rt,
            """
        social-channel:
          line:
            enabled: true
            channel-secret: %s
            channel-access-token: %s
            api-base-url: %s
            data-base-url: %s
            reply-token-ttl: 60s
        """
                .formatted(LinePayloads.SECRET, LinePayloads.TOKEN, url, url));
    assertThat(socialdesk.command("rt", "provision").exitCode()).isZero();
    socialdesk.start();
  }

  @AfterEach
  void judgeEveryExchange() {
    List<ServeEvent> exchanges = new ArrayList<>(line.getAllServeEvents()).reversed();
    line.resetRequests();
    assertThat(LineSpec.problems(exchanges))
        .as("exchanges with the emulated LINE that LINE's OpenAPI does not allow")
        .isEmpty();
  }

  @AfterAll
  static void stop() throws Exception {
    if (socialdesk != null) {
      socialdesk.stop();
    }
    if (line != null) {
      line.stop();
    }
  }

  @Test
  void aMessageBecomesATicketAndTheAgentsReplyGoesBackWithTheFreshReplyTokenQuotingIt()
      throws Exception {
    String user = newUser();
    String message = newMessageId();
    line.stubFor(
        post(urlPathEqualTo("/v2/bot/message/reply"))
            .withRequestBody(
                equalToJson(
                    "{\"replyToken\":\"rt-"
                        + message
                        + "\",\"messages\":[{\"type\":\"text\","
                        + "\"text\":\"ขอโทษค่ะ จะส่งให้พรุ่งนี้นะคะ 🙏\",\"quoteToken\":\"q-"
                        + message
                        + "\"}]}",
                    false,
                    false))
            .willReturn(okJson("{\"sentMessages\":[{\"id\":\"" + newMessageId() + "\"}]}")));

    assertThat(
            stored(
                deliver(
                    text(user, message, "สั่งของไปสามวันแล้วยังไม่ได้เลยค่ะ 😢", Instant.now()))))
        .isEqualTo(1);
    String ticket = ticketOf(message);
    assertThat(rt.ticket(ticket).path("Subject").asText()).contains("[line] DM");
    rt.correspondAsAgent(ticket, "ขอโทษค่ะ จะส่งให้พรุ่งนี้นะคะ 🙏");

    assertThat(eventually(() -> rt.fieldValues(ticket, "ReplyStatus").contains("published")))
        .as(socialdesk.log())
        .isTrue();
    line.verify(1, postRequestedFor(urlPathEqualTo("/v2/bot/message/reply")));
    line.verify(0, postRequestedFor(urlPathEqualTo("/v2/bot/message/push")));
  }

  @Test
  void aReplyAfterTheReplyTokenWentStaleIsPushedToTheSameChatUnderARetryKey() throws Exception {
    String user = newUser();
    String message = newMessageId();
    line.stubFor(
        post(urlPathEqualTo("/v2/bot/message/push"))
            .withHeader(
                "X-Line-Retry-Key",
                matching("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
            .withRequestBody(
                equalToJson(
                    "{\"to\":\""
                        + user
                        + "\",\"messages\":[{\"type\":\"text\",\"text\":\"سفارش شما امروز ارسال می‌شود\","
                        + "\"quoteToken\":\"q-"
                        + message
                        + "\"}]}",
                    false,
                    false))
            .willReturn(okJson("{\"sentMessages\":[{\"id\":\"" + newMessageId() + "\"}]}")));

    deliver(text(user, message, "سلام، سفارشم کجاست؟", Instant.now().minus(Duration.ofMinutes(3))));
    String ticket = ticketOf(message);
    rt.correspondAsAgent(ticket, "سفارش شما امروز ارسال می‌شود");

    assertThat(eventually(() -> rt.fieldValues(ticket, "ReplyStatus").contains("published")))
        .as(socialdesk.log())
        .isTrue();
    line.verify(
        1,
        postRequestedFor(urlPathEqualTo("/v2/bot/message/push"))
            .withHeader("Authorization", equalTo("Bearer " + LinePayloads.TOKEN)));
    line.verify(0, postRequestedFor(urlPathEqualTo("/v2/bot/message/reply")));
  }

  @Test
  void aForgedSignatureIsRefusedAndStoresNothing() throws Exception {
    String message = newMessageId();
    String body = text(newUser(), message, "give me a refund now", Instant.now());

    HttpResponse<String> forged =
        deliver(body, LinePayloads.signature(body.replace("refund", "refunds")));
    HttpResponse<String> unsigned = deliver(body, null);

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    // Had either been stored, the genuine delivery would be a duplicate.
    assertThat(stored(deliver(body))).isEqualTo(1);
    String ticket = ticketOf(message);
    assertThat(rt.ticketsWithPost("line:" + message)).containsExactly(ticket);
  }

  @Test
  void theSameEventDeliveredTwiceMakesOneTicket() throws Exception {
    String user = newUser();
    String message = newMessageId();
    String body = text(user, message, "is anyone there?", Instant.now());

    JsonNode first = JSON.readTree(deliver(body).body());
    JsonNode again =
        JSON.readTree(
            deliver(body.replace("\"isRedelivery\":false", "\"isRedelivery\":true")).body());
    String ticket = ticketOf(message);

    assertThat(first.path("stored").asInt()).isEqualTo(1);
    assertThat(again.path("duplicate").asInt()).isEqualTo(1);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> rt.ticketsWithPost("line:" + message),
            tickets -> tickets.equals(List.of(ticket)));
  }

  /** A 1:1 text message event from {@code user}, as LINE delivers it. */
  private static String text(String user, String messageId, String text, Instant at) {
    return LinePayloads.delivery(
        LinePayloads.message(
                "01J" + messageId,
                LinePayloads.userSource(user),
                "{\"type\":\"text\",\"id\":\""
                    + messageId
                    + "\",\"quoteToken\":\"q-"
                    + messageId
                    + "\",\"text\":"
                    + LinePayloads.json(text)
                    + "}",
                false)
            .replace("\"timestamp\":" + LinePayloads.TIME, "\"timestamp\":" + at.toEpochMilli())
            .replace(
                "\"replyToken\":\"rt-01J" + messageId + "\"",
                "\"replyToken\":\"rt-" + messageId + "\""));
  }

  private HttpResponse<String> deliver(String body) throws Exception {
    assertThat(LineSpec.webhookProblems(body))
        .as("the delivery against line-webhook.yml")
        .isEmpty();
    return deliver(body, LinePayloads.signature(body));
  }

  private HttpResponse<String> deliver(String body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(socialdesk.url("/api/channels/line/webhook"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (signature != null) {
      request.header("x-line-signature", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int stored(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("stored").asInt();
  }

  private static String newUser() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "U" + HexFormat.of().formatHex(bytes);
  }

  private static String newMessageId() {
    return String.valueOf(MESSAGE_IDS.incrementAndGet());
  }

  private static String ticketOf(String messageId) throws Exception {
    return rt.awaitTicketWithPost("line:" + messageId, WAIT, socialdesk::log);
  }

  private static boolean eventually(TestRt.Check check) throws Exception {
    return TestRt.holdsWithin(WAIT, check);
  }
}
