package org.socialdesk.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.channel.telegram.TelegramSpec;

/**
 * The Telegram channel end to end in its default mode, {@code getUpdates} long polling, against
 * WireMock playing the Bot API as Telegram behaves: an update is returned until a call sends an
 * {@code offset} past it, and an empty long poll is held open a moment. The tests follow one story
 * (first update, then a second one and a kill -9 right after Socialdesk confirmed it), hence their
 * order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TelegramPollingIT {

  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String TOKEN = "7001234568:AAHe2eTelegramPollingTokenForEmulator";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Update and chat ids of this run, never met by an earlier run in the shared RT. */
  private static final long BASE = Instant.now().toEpochMilli() % 1_000_000_000_000L * 10;

  private static final long FIRST = BASE + 1;
  private static final long SECOND = BASE + 2;

  @TempDir static Path work;
  private static TestRt rt;
  private static WireMockServer telegram;
  private static SocialdeskProcess socialdesk;

  @BeforeAll
  static void start() throws Exception {
    rt = TestRt.fromEnvironment();
    telegram =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    telegram.start();
    // An empty long poll: Telegram holds the request until its timeout when nothing is new.
    telegram.stubFor(getUpdates().atPriority(10).willReturn(updates().withFixedDelay(300)));
    telegram.stubFor(
        getUpdates()
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.offset", absent()))
            .willReturn(updates(update(FIRST, "سلام، کد پیگیری سفارش من کار نمی‌کند 🙁"))));
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
            long-poll-timeout: 1s
            retry-interval: 1s
        """
                .formatted(telegram.port(), TOKEN));
    assertThat(socialdesk.command("rt", "provision").exitCode()).isZero();
    socialdesk.start();
  }

  @AfterEach
  void judgeEveryExchange() {
    List<ServeEvent> events = new ArrayList<>(telegram.getAllServeEvents());
    assertThat(TelegramSpec.problems(events.reversed()))
        .as("requests to the emulated Bot API that its OpenAPI does not allow")
        .isEmpty();
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
  @Order(1)
  void anUpdateFromGetUpdatesBecomesATicketAndOnlyThenIsConfirmedByTheOffset() throws Exception {
    String ticket = ticketOf(FIRST);

    assertThat(rt.transactionTexts(ticket, "Create"))
        .anySatisfy(text -> assertThat(text).contains("کد پیگیری سفارش من کار نمی‌کند 🙁"));
    assertThat(
            TestRt.holdsWithin(
                WAIT, () -> !offsets().isEmpty() && offsets().getLast() == FIRST + 1))
        .as(socialdesk.log())
        .isTrue();
    assertThat(telegram.findAll(postRequestedFor(urlEqualTo("/bot" + TOKEN + "/getUpdates"))))
        .first()
        .satisfies(
            first ->
                assertThat(
                        JSON.readTree(first.getBodyAsString()).path("allowed_updates").toString())
                    .contains("message"));
  }

  @Test
  @Order(2)
  void killedRightAfterConfirmingAnUpdateSocialdeskLosesNothingAndTakesNothingInTwice()
      throws Exception {
    telegram.stubFor(
        getUpdates()
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.offset", equalTo(Long.toString(FIRST + 1))))
            .willReturn(updates(update(SECOND, "ยังไม่ได้รับพัสดุเลยครับ เลขที่ 4471"))));
    // The offset past SECOND means Socialdesk stored it: kill -9 then, before or while its ticket
    // is made.
    assertThat(TestRt.holdsWithin(WAIT, () -> offsets().contains(SECOND + 1)))
        .as(socialdesk.log())
        .isTrue();
    socialdesk.kill();
    telegram.resetRequests();

    socialdesk.start();

    String second = ticketOf(SECOND);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(rt.ticketsWithPost(key(SECOND))).containsExactly(second);
              assertThat(rt.ticketsWithPost(key(FIRST))).hasSize(1);
            });
    // After the restart polling goes on from the stored offset: never again from the start.
    assertThat(TestRt.holdsWithin(WAIT, () -> !offsets().isEmpty())).isTrue();
    assertThat(offsets()).allSatisfy(offset -> assertThat(offset).isEqualTo(SECOND + 1));
    assertThat(
            telegram.findAll(
                postRequestedFor(urlEqualTo("/bot" + TOKEN + "/getUpdates"))
                    .withRequestBody(matchingJsonPath("$.offset", absent()))))
        .isEmpty();
  }

  /** The offsets the getUpdates calls sent, oldest first (calls without one are left out). */
  private static List<Long> offsets() {
    List<Long> offsets = new ArrayList<>();
    for (LoggedRequest request :
        telegram.findAll(postRequestedFor(urlEqualTo("/bot" + TOKEN + "/getUpdates")))) {
      try {
        var offset = JSON.readTree(request.getBodyAsString()).get("offset");
        if (offset != null) {
          offsets.add(offset.asLong());
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return offsets;
  }

  private static MappingBuilder getUpdates() {
    return post(urlEqualTo("/bot" + TOKEN + "/getUpdates"));
  }

  private static ResponseDefinitionBuilder updates(Object... updates) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(XEmulator.json(Map.of("ok", true, "result", List.of(updates))));
  }

  /** A private message from customer {@code updateId}, its message id 1. */
  private static Map<String, Object> update(long updateId, String text) {
    Map<String, Object> from = Map.of("id", updateId, "is_bot", false, "first_name", "Customer");
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("message_id", 1);
    message.put("from", from);
    message.put("chat", Map.of("id", updateId, "type", "private", "first_name", "Customer"));
    message.put("date", Instant.now().getEpochSecond());
    message.put("text", text);
    return Map.of("update_id", updateId, "message", message);
  }

  private static String key(long updateId) {
    return "telegram:" + updateId + ":1";
  }

  private static String ticketOf(long updateId) throws Exception {
    return rt.awaitTicketWithPost(key(updateId), WAIT, socialdesk::log);
  }
}
