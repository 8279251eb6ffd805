package org.socialdesk.sla.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.Secret;
import org.socialdesk.sla.SlaEvents;
import org.socialdesk.sla.TestingDatabase;
import org.socialdesk.sla.alert.SlaWebhook;
import org.socialdesk.sla.clock.SlaClockEvents;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.config.SlaSummarySchedule;
import org.socialdesk.sla.config.SlaWebhookConfig;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingPostgres;

/**
 * The summaries on the real PostgreSQL of scripts/postgres: two instances sharing one database
 * record and send a period once. Skipped without SOCIALDESK_TEST_PG_URL on a developer's machine,
 * failed on CI (where skipping would hide a missing install step).
 */
class SlaSummariesPostgresIT {

  @RegisterExtension
  static WireMockExtension receiver =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private TestingPostgres postgres;

  @AfterEach
  void dropDatabase() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void twoInstancesOnOnePostgresSendYesterdaysSummaryOnceWithItsFigures() throws Exception {
    receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
    postgres = TestingPostgres.create(TestingDatabase.CHANGELOG);
    SlaJdbc jdbc = new SlaJdbc(postgres.dataSource());
    SlaPolicies policies = config(rule("default", null, "24x7", "15m", "30m", "4h")).slaPolicies();
    SlaClockEvents events = new SlaClockEvents(jdbc, policies);
    Instant monday = Instant.parse("2026-03-09T09:00:00Z");
    events.onPostRouted(SlaEvents.newTicket("1", "a1", monday));
    events.onReplyPublished(SlaEvents.reply("1", "a1", "alice", monday.plusSeconds(600)));
    events.onPostRouted(SlaEvents.newTicket("2", "b1", monday.plusSeconds(60)));
    SettableClock clock =
        new SettableClock(Instant.parse("2026-03-10T07:00:05Z")); // 08:00:05 in Berlin
    List<SlaSummarySchedule> daily =
        List.of(new SlaSummarySchedule.Daily(LocalTime.of(8, 0), ZoneId.of("Europe/Berlin")));
    Callable<Void> first =
        runs(new SlaSummaries(jdbc, new SlaReport(jdbc, policies), daily, webhook(), clock));
    Callable<Void> second =
        runs(new SlaSummaries(jdbc, new SlaReport(jdbc, policies), daily, webhook(), clock));

    try (var threads = Executors.newFixedThreadPool(2)) {
      for (var result : threads.invokeAll(List.of(first, second))) {
        result.get();
      }
    }

    var deliveries = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.getFirst().getHeader("webhook-id"))
        .isEqualTo("sla_summary_daily_2026-03-09");
    var totals =
        new ObjectMapper()
            .readTree(deliveries.getFirst().getBodyAsString())
            .path("data")
            .path("totals");
    assertThat(totals.path("conversations").asLong()).isEqualTo(2);
    assertThat(totals.path("repliedConversations").asLong()).isEqualTo(1);
    assertThat(totals.path("firstResponseSeconds").path("median").asLong()).isEqualTo(600);
  }

  private SlaWebhook webhook() {
    return new SlaWebhook(
        new SlaWebhookConfig(
            URI.create(receiver.baseUrl() + "/hook"), Secret.of("a-long-enough-shared-secret-123")),
        HttpClient.newHttpClient(),
        Duration.ofSeconds(5));
  }

  private static Callable<Void> runs(SlaSummaries summaries) {
    return () -> {
      for (int i = 0; i < 20; i++) {
        summaries.run();
      }
      return null;
    };
  }
}
