package org.socialdesk.sla.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.Secret;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.SlaEvents;
import org.socialdesk.sla.TestingDatabase;
import org.socialdesk.sla.alert.SlaWebhook;
import org.socialdesk.sla.clock.SlaClockEvents;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.config.SlaSummarySchedule;
import org.socialdesk.sla.config.SlaWebhookConfig;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.testkit.SettableClock;

class SlaSummariesTest {

  @RegisterExtension
  static WireMockExtension receiver =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String SECRET = "a-long-enough-shared-secret-123";
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Tuesday 2026-03-10 08:00 in Berlin: the daily summary of Monday 2026-03-09 is due. */
  private static final Instant DAILY_DUE = Instant.parse("2026-03-10T07:00:00Z");

  private static final List<SlaSummarySchedule> DAILY =
      List.of(new SlaSummarySchedule.Daily(LocalTime.of(8, 0), BERLIN));

  private final DataSource db = TestingDatabase.create();
  private final SlaJdbc jdbc = new SlaJdbc(db);
  private final SlaPolicies policies =
      config(rule("default", null, "24x7", "15m", "30m", "4h")).slaPolicies();
  private final SettableClock clock = new SettableClock(DAILY_DUE.minusSeconds(1));

  @BeforeEach
  void receiverTakesEverything() {
    receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
  }

  private SlaSummaries instance(List<SlaSummarySchedule> schedules) {
    SlaWebhook webhook =
        new SlaWebhook(
            new SlaWebhookConfig(URI.create(receiver.baseUrl() + "/hook"), Secret.of(SECRET)),
            HttpClient.newHttpClient(),
            Duration.ofSeconds(5));
    return new SlaSummaries(jdbc, new SlaReport(jdbc, policies), schedules, webhook, clock);
  }

  /**
   * Monday 2026-03-09 in Berlin: x answered after 10 min, x answered after 20 min (late), mastodon
   * unanswered; plus Tuesday's post.
   */
  private void mondayTraffic() {
    SlaClockEvents events = new SlaClockEvents(jdbc, policies);
    Instant monday = Instant.parse("2026-03-09T09:00:00Z");
    events.onPostRouted(SlaEvents.newTicket("1", "a1", monday));
    events.onReplyPublished(SlaEvents.reply("1", "a1", "alice", monday.plusSeconds(600)));
    events.onPostRouted(SlaEvents.newTicket("2", "b1", monday.plusSeconds(3600)));
    events.onReplyPublished(SlaEvents.reply("2", "b1", "bob", monday.plusSeconds(3600 + 1200)));
    events.onPostRouted(
        SlaEvents.routed(
            SlaEvents.ticket("3"),
            SlaEvents.post("mastodon", "c1", monday.plusSeconds(7200), Visibility.PUBLIC),
            Enrichment.NONE,
            true));
    // 23:30 UTC on Monday is already Tuesday in Berlin: not in Monday's summary.
    events.onPostRouted(SlaEvents.newTicket("4", "d1", Instant.parse("2026-03-09T23:30:00Z")));
  }

  private List<LoggedRequest> deliveries() {
    return receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
  }

  @Test
  void yesterdaysSummaryIsSentOnceAtItsTimeSignedWithTheFiguresByChannel() throws Exception {
    mondayTraffic();
    SlaSummaries summaries = instance(DAILY);
    clock.set(Instant.parse("2026-03-10T06:59:59Z"));
    summaries.run();
    receiver
        .resetRequests(); // Sunday's summary (empty) went out on the first pass: not this test's
    // subject

    clock.set(DAILY_DUE);
    summaries.run();
    clock.advance(Duration.ofMinutes(5));
    summaries.run();

    assertThat(deliveries()).hasSize(1);
    LoggedRequest delivery = deliveries().getFirst();
    String id = delivery.getHeader("webhook-id");
    assertThat(id).isEqualTo("sla_summary_daily_2026-03-09");
    assertThat(delivery.getHeader("webhook-signature"))
        .isEqualTo(
            signature(id, delivery.getHeader("webhook-timestamp"), delivery.getBodyAsString()));
    JsonNode json = new ObjectMapper().readTree(delivery.getBodyAsString());
    assertThat(json.path("type").asText()).isEqualTo("sla.summary.daily");
    JsonNode data = json.path("data");
    assertThat(data.path("label").asText()).isEqualTo("2026-03-09");
    assertThat(data.path("from").asText()).isEqualTo("2026-03-08T23:00:00Z");
    assertThat(data.path("to").asText()).isEqualTo("2026-03-09T23:00:00Z");
    JsonNode totals = data.path("totals");
    assertThat(totals.path("posts").asLong()).isEqualTo(3);
    assertThat(totals.path("conversations").asLong()).isEqualTo(3);
    assertThat(totals.path("repliedConversations").asLong()).isEqualTo(2);
    assertThat(totals.path("responseRate").asDouble()).isEqualTo(2.0 / 3);
    assertThat(totals.path("firstResponseSeconds").path("mean").asDouble()).isEqualTo(900.0);
    assertThat(totals.path("firstResponseSeconds").path("median").asLong()).isEqualTo(600);
    assertThat(totals.path("firstResponseSeconds").path("p90").asLong()).isEqualTo(1200);
    assertThat(totals.path("breaches").asLong()).isEqualTo(1); // bob answered after 20 min of 15
    assertThat(data.path("byChannel")).hasSize(2);
    assertThat(data.path("byChannel").path(0).path("channel").asText()).isEqualTo("mastodon");
    assertThat(data.path("byChannel").path(0).path("repliedConversations").asLong()).isZero();
    assertThat(data.path("byChannel").path(1).path("channel").asText()).isEqualTo("x");
    assertThat(data.path("byChannel").path(1).path("conversations").asLong()).isEqualTo(2);
  }

  @Test
  void firstStartSendsTheLatestPastWeekThenEachWeekAtItsTime() {
    // Monday 2026-03-16 07:59 Berlin: W10's summary was due a week ago (sent now, on the first
    // start); W11's at 08:00.
    clock.set(Instant.parse("2026-03-16T06:59:00Z"));
    SlaSummaries summaries =
        instance(
            List.of(new SlaSummarySchedule.Weekly(DayOfWeek.MONDAY, LocalTime.of(8, 0), BERLIN)));
    summaries.run();
    assertThat(deliveries())
        .extracting(r -> r.getHeader("webhook-id"))
        .containsExactly("sla_summary_weekly_2026-W10");

    clock.set(Instant.parse("2026-03-16T07:00:00Z"));
    summaries.run();
    assertThat(deliveries())
        .extracting(r -> r.getHeader("webhook-id"))
        .containsExactly("sla_summary_weekly_2026-W10", "sla_summary_weekly_2026-W11");
  }

  @Test
  void twoInstancesOnOneDatabaseRunningTogetherSendEachPeriodOnce() throws Exception {
    mondayTraffic();
    clock.set(DAILY_DUE);
    SlaSummaries first = instance(DAILY);
    SlaSummaries second = instance(DAILY);
    Callable<Void> firstRuns = () -> repeat(first);
    Callable<Void> secondRuns = () -> repeat(second);
    try (var threads = Executors.newFixedThreadPool(2)) {
      for (var result : threads.invokeAll(List.of(firstRuns, secondRuns))) {
        result.get();
      }
    }

    assertThat(deliveries())
        .extracting(r -> r.getHeader("webhook-id"))
        .containsExactly("sla_summary_daily_2026-03-09");
  }

  private static Void repeat(SlaSummaries summaries) {
    for (int i = 0; i < 20; i++) {
      summaries.run();
    }
    return null;
  }

  @Test
  void aRestartedInstanceDoesNotSendAPeriodAgain() {
    clock.set(DAILY_DUE);
    instance(DAILY).run();

    clock.advance(Duration.ofHours(3));
    instance(DAILY).run(); // a new process on the same database

    assertThat(deliveries()).hasSize(1);
  }

  @Test
  void aFailedSendIsRetriedWithTheSameIdAndBodyUntilTakenThenNeverAgain() {
    receiver.stubFor(
        post(urlEqualTo("/hook"))
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    receiver.stubFor(
        post(urlEqualTo("/hook"))
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(204)));
    mondayTraffic();
    clock.set(DAILY_DUE);
    SlaSummaries summaries = instance(DAILY);

    summaries.run(); // 503: kept for a retry in 5 s
    summaries.run(); // within the backoff: nothing sent
    clock.advance(Duration.ofSeconds(6));
    summaries.run(); // 204
    clock.advance(Duration.ofHours(1));
    summaries.run(); // sent: nothing more

    List<LoggedRequest> deliveries = deliveries();
    assertThat(deliveries).hasSize(2);
    assertThat(deliveries.get(1).getHeader("webhook-id"))
        .isEqualTo(deliveries.get(0).getHeader("webhook-id"));
    assertThat(deliveries.get(1).getBodyAsString()).isEqualTo(deliveries.get(0).getBodyAsString());
    assertThat(deliveries.get(1).getHeader("webhook-timestamp"))
        .isEqualTo(Long.toString(DAILY_DUE.plusSeconds(6).getEpochSecond()));
    var row =
        TestingDatabase.query(db, "SELECT attempts, sent_at, next_at FROM sla_summary").getFirst();
    assertThat(row.get("attempts")).isEqualTo(2);
    assertThat(row.get("sent_at")).isNotNull();
    assertThat(row.get("next_at")).isNull();
  }

  @Test
  void aSendCutOffByACrashIsRetriedByAnotherInstanceAfterTheLease() {
    clock.set(DAILY_DUE);
    SlaSummaries survivor = instance(DAILY);
    survivor.run();
    assertThat(deliveries()).hasSize(1);
    // As if an instance claimed it again and died before recording the send: leased until 07:02,
    // not sent.
    try (var connection = db.getConnection();
        var statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE sla_summary SET sent_at = NULL, next_at = TIMESTAMP WITH TIME ZONE"
              + " '2026-03-10 07:02:00+00'");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }

    clock.advance(Duration.ofMinutes(1));
    survivor.run(); // still leased
    clock.advance(Duration.ofMinutes(2));
    survivor.run(); // lease over: sent again, with the same id

    assertThat(deliveries())
        .hasSize(2)
        .extracting(r -> r.getHeader("webhook-id"))
        .containsOnly("sla_summary_daily_2026-03-09");
  }

  private static String signature(String id, String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v1,"
        + Base64.getEncoder()
            .encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }
}
