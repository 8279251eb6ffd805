package org.socialdesk.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.socialdesk.channel.line.LinePayloads;
import org.socialdesk.channel.line.LineSpec;

/**
 * What the LINE end-to-end tests share: WireMock playing LINE (profiles in Thai, no quota), the
 * real distribution configured for it, and signed 1:1 text deliveries with ids of their own (the RT
 * is shared between runs).
 */
final class LineEndToEnd {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong MESSAGE_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

  private LineEndToEnd() {}

  /** The emulated LINE, started: profiles and the quota answer; each test stubs the rest. */
  static WireMockServer emulator(Extension... extensions) {
    WireMockServer line =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .extensions(extensions));
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
    return line;
  }

  /** Socialdesk with the LINE channel pointed at {@code line}, RT provisioned, started. */
  static SocialdeskProcess socialdesk(Path work, TestRt rt, WireMockServer line) throws Exception {
    String url = "http://127.0.0.1:" + line.port();
    SocialdeskProcess socialdesk =
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
    return socialdesk;
  }

  /** Fails on any exchange LINE's OpenAPI does not allow since the last call, then forgets them. */
  static void judgeEveryExchange(WireMockServer line) {
    List<ServeEvent> exchanges = new ArrayList<>(line.getAllServeEvents()).reversed();
    line.resetRequests();
    assertThat(LineSpec.problems(exchanges))
        .as("exchanges with the emulated LINE that LINE's OpenAPI does not allow")
        .isEmpty();
  }

  /**
   * A 1:1 text message event from {@code user}, as LINE delivers it; its reply token is {@code
   * rt-<messageId>} and its quote token {@code q-<messageId>}.
   */
  static String text(String user, String messageId, String text, Instant at) {
    return LinePayloads.message(
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
            "\"replyToken\":\"rt-" + messageId + "\"");
  }

  /** POSTs {@code delivery} to the webhook with {@code signature} (none when null). */
  static HttpResponse<String> deliver(
      HttpClient http, SocialdeskProcess socialdesk, String delivery, String signature)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(socialdesk.url("/api/channels/line/webhook"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(delivery, StandardCharsets.UTF_8));
    if (signature != null) {
      request.header("x-line-signature", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code delivery}, judged against line-webhook.yml, POSTed signed as LINE signs it. */
  static HttpResponse<String> deliverSigned(
      HttpClient http, SocialdeskProcess socialdesk, String delivery) throws Exception {
    assertThat(LineSpec.webhookProblems(delivery))
        .as("the delivery against line-webhook.yml")
        .isEmpty();
    return deliver(http, socialdesk, delivery, LinePayloads.signature(delivery));
  }

  static String newUser() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "U" + HexFormat.of().formatHex(bytes);
  }

  static String newMessageId() {
    return String.valueOf(MESSAGE_IDS.incrementAndGet());
  }
}
