package org.socialdesk.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.channel.line.LinePayloads;

/**
 * The LINE channel killed with SIGKILL at its two risky moments, against the real distribution and
 * the real RT: after a webhook delivery was stored and acknowledged but before its tickets were
 * made, and after a push went out to LINE but before Socialdesk learnt it was delivered. After the
 * restart nothing is lost and nothing is doubled: one ticket per message, one message in the
 * customer's chat (the push is sent again under the same {@code X-Line-Retry-Key}, which LINE
 * answers 409: delivered before). The emulated LINE judges every exchange against its OpenAPI.
 */
class LineCrashIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @TempDir static Path work;
  private static TestRt rt;
  private static WireMockServer line;
  private static final LinePushEmulator pushes = new LinePushEmulator();
  private static SocialdeskProcess socialdesk;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    rt = TestRt.fromEnvironment();
    line = LineEndToEnd.emulator(pushes);
    line.stubFor(
        post(urlPathEqualTo("/v2/bot/message/push"))
            .withHeader("X-Line-Retry-Key", matching(UUID_PATTERN))
            .willReturn(aResponse().withTransformers(LinePushEmulator.NAME)));
    socialdesk = LineEndToEnd.socialdesk(work, rt, line);
  }

  @AfterEach
  void judgeEveryExchange() {
    LineEndToEnd.judgeEveryExchange(line);
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
  void aKillBetweenStoringADeliveryAndCreatingItsTicketsLosesAndDuplicatesNothing()
      throws Exception {
    List<String> messages = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String message = newMessageId();
      messages.add(message);
      events.add(text(newUser(), message, "พัสดุหมายเลข " + i + " ยังไม่มาเลยครับ", Instant.now()));
    }
    String delivery = LinePayloads.delivery(events.toArray(String[]::new));

    assertThat(counts(deliver(delivery)).path("stored").asInt()).isEqualTo(8);
    assertThat(socialdesk.kill()).isEqualTo(137);

    // The kill must have come between storing and creating: some messages have no ticket yet.
    assertThat(withoutTicket(messages)).as("messages without a ticket at the kill").isNotEmpty();
    socialdesk.start();
    // LINE delivering again after the crash, as it does when it saw no 200.
    JsonNode again =
        counts(deliver(delivery.replace("\"isRedelivery\":false", "\"isRedelivery\":true")));
    assertThat(again.path("stored").asInt()).as("stored again after the crash").isZero();
    assertThat(again.path("duplicate").asInt()).isEqualTo(8);
    for (String message : messages) {
      rt.awaitTicketWithPost("line:" + message, WAIT, socialdesk::log);
    }
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              for (String message : messages) {
                assertThat(rt.ticketsWithPost("line:" + message)).as(message).hasSize(1);
              }
            });
  }

  @Test
  void aKillAfterAPushReachedLineAndBeforeItWasRecordedSendsItOnceAndMarksItPublished()
      throws Exception {
    String user = newUser();
    String message = newMessageId();
    // Three minutes old: its reply token is stale (reply-token-ttl 60s), so the reply is pushed.
    deliver(
        LinePayloads.delivery(
            text(user, message, "ยังไม่ได้รับเงินคืนเลยค่ะ", Instant.now().minusSeconds(180))));
    String ticket = rt.awaitTicketWithPost("line:" + message, WAIT, socialdesk::log);
    pushes.holdNextAnswer();

    rt.correspondAsAgent(ticket, "คืนเงินให้แล้วค่ะ ภายใน 3 วันทำการ");
    assertThat(TestRt.holdsWithin(WAIT, () -> !pushesTo(user).isEmpty()))
        .as(socialdesk.log())
        .isTrue();
    // LINE has delivered it and not answered yet: Socialdesk dies before it can record it.
    assertThat(socialdesk.kill()).isEqualTo(137);
    assertThat(rt.fieldValues(ticket, "ReplyStatus")).doesNotContain("published");
    socialdesk.start();

    assertThat(
            TestRt.holdsWithin(
                WAIT, () -> rt.fieldValues(ticket, "ReplyStatus").contains("published")))
        .as(socialdesk.log())
        .isTrue();
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        pushes.delivered().stream()
                            .filter(body -> body.contains("\"to\":\"" + user + "\""))
                            .toList())
                    .as("messages the customer received")
                    .hasSize(1)
                    .allSatisfy(body -> assertThat(body).contains("คืนเงินให้แล้วค่ะ")));
    assertThat(rt.fieldValues(ticket, "ReplyStatus")).containsExactly("published");
    List<LoggedRequest> sent = pushesTo(user);
    assertThat(sent).as("pushes to the customer, before and after the crash").hasSize(2);
    assertThat(sent.get(1).getHeader("X-Line-Retry-Key"))
        .as("the retry key of the push sent again")
        .isEqualTo(sent.get(0).getHeader("X-Line-Retry-Key"));
  }

  /** The push requests sent to {@code user}'s chat, oldest first. */
  private static List<LoggedRequest> pushesTo(String user) {
    return line.findAll(
        postRequestedFor(urlPathEqualTo("/v2/bot/message/push"))
            .withRequestBody(matchingJsonPath("$.to", equalTo(user))));
  }

  private static List<String> withoutTicket(List<String> messages) throws Exception {
    List<String> without = new ArrayList<>();
    for (String message : messages) {
      if (rt.ticketsWithPost("line:" + message).isEmpty()) {
        without.add(message);
      }
    }
    return without;
  }

  private static String text(String user, String messageId, String text, Instant at) {
    return LineEndToEnd.text(user, messageId, text, at);
  }

  private HttpResponse<String> deliver(String delivery) throws Exception {
    return LineEndToEnd.deliverSigned(http, socialdesk, delivery);
  }

  private static JsonNode counts(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String newUser() {
    return LineEndToEnd.newUser();
  }

  private static String newMessageId() {
    return LineEndToEnd.newMessageId();
  }
}
