package org.socialdesk.sla.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.SlaConfigs.businessHours;
import static org.socialdesk.sla.SlaConfigs.calendars;
import static org.socialdesk.sla.SlaConfigs.rule;
import static org.socialdesk.sla.SlaConfigs.weekdays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socialdesk.api.RunMode;
import org.socialdesk.sla.SlaEvents;
import org.socialdesk.sla.SlaPlugin;
import org.socialdesk.sla.TestCalendars;
import org.socialdesk.sla.TestingDatabase;
import org.socialdesk.sla.config.SlaConfig;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingJetty;
import org.socialdesk.testkit.TestingPluginContext;

/**
 * Report days are the days of the report's zone, by default the default rule's calendar's: posts a
 * minute either side of local midnight, in zones far from UTC (Bangkok +07:00, Tehran +03:30), land
 * on the local day a manager there would count them on, and the totals still match a hand count
 * over every grouping.
 */
class SlaReportZoneTest {

  private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

  private final ImmediateEventBus bus = new ImmediateEventBus();
  private final SlaPlugin plugin = new SlaPlugin();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestingPluginContext context;
  private TestingJetty jetty;

  /** The plugin with its default rule's calendar in {@code zone}, serving the report. */
  private void start(String zone) throws Exception {
    SlaConfig config =
        new SlaConfig(
            null,
            null,
            calendars("office", businessHours(zone, weekdays("09:00-18:00"))),
            List.of(rule("default", null, "office", "1h", "2h", "1d")),
            null,
            null);
    context =
        TestingPluginContext.builder()
            .config(config)
            .dataSource(TestingDatabase.create())
            .events(bus)
            .clock(new SettableClock(NOW))
            .runMode(RunMode.COMMAND)
            .build();
    plugin.start(context);
    jetty = new TestingJetty(context.mounts());
  }

  @AfterEach
  void stop() throws Exception {
    if (jetty != null) {
      jetty.close();
    }
    plugin.stop();
    if (context != null) {
      context.close();
    }
  }

  /** A new conversation on x at a wall-clock time of {@code zone}. */
  private void postAt(String zone, String local, String id) {
    bus.publish(SlaEvents.newTicket(id, "p" + id, TestCalendars.at(zone, local)));
  }

  private JsonNode report(String query) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(jetty.uri("/api/sla/report?" + query))
                .header("Authorization", "Bearer admin")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static Map<String, Long> postsByKey(JsonNode report) {
    Map<String, Long> out = new LinkedHashMap<>();
    report.path("groups").forEach(g -> out.put(g.path("key").asText(), g.path("posts").asLong()));
    return out;
  }

  /** Around local midnight of Tuesday 10 and Wednesday 11 March, and a week's edge (Sun/Mon). */
  private void postsAroundMidnight(String zone) {
    postAt(zone, "2026-03-10T00:02", "1"); // Tuesday 10, just after local midnight
    postAt(zone, "2026-03-10T23:58", "2"); // Tuesday 10, just before local midnight
    postAt(zone, "2026-03-11T00:02", "3"); // Wednesday 11
    postAt(zone, "2026-03-15T23:58", "4"); // Sunday 15, the last day of ISO week 11
    postAt(zone, "2026-03-16T00:02", "5"); // Monday 16, the first of week 12
  }

  @ParameterizedTest
  @ValueSource(strings = {"Asia/Bangkok", "Asia/Tehran"})
  void dayGroupsAreTheDefaultCalendarsLocalDays(String zone) throws Exception {
    start(zone);
    postsAroundMidnight(zone);

    JsonNode report = report("from=2026-03-10&to=2026-03-16&groupBy=day");

    assertThat(report.path("zone").asText()).isEqualTo(zone);
    assertThat(postsByKey(report))
        .containsExactly(
            Map.entry("2026-03-10", 2L),
            Map.entry("2026-03-11", 1L),
            Map.entry("2026-03-15", 1L),
            Map.entry("2026-03-16", 1L));
    assertThat(report.path("totals").path("posts").asLong()).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Asia/Bangkok", "Asia/Tehran"})
  void weekGroupsAreIsoWeeksOfLocalDays(String zone) throws Exception {
    start(zone);
    postsAroundMidnight(zone);

    assertThat(postsByKey(report("from=2026-03-09&to=2026-03-22&groupBy=week")))
        .containsExactly(Map.entry("2026-W11", 4L), Map.entry("2026-W12", 1L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Asia/Bangkok", "Asia/Tehran"})
  void fromAndToAreLocalDaysInEveryGrouping(String zone) throws Exception {
    start(zone);
    postsAroundMidnight(zone);

    // Only Wednesday 11 (local): post 3, not post 2 a few minutes before it.
    for (String groupBy : List.of("channel", "day", "week", "agent", "sentiment")) {
      assertThat(
              report("from=2026-03-11&to=2026-03-11&groupBy=" + groupBy)
                  .path("totals")
                  .path("posts")
                  .asLong())
          .as(groupBy)
          .isEqualTo(1);
    }
    // Tuesday 10 to Sunday 15 (local): posts 1 to 4, whole UTC days read from the rollup and the
    // partial ones at the edges from the clocks; the same in every grouping.
    List<Long> totals = new ArrayList<>();
    for (String groupBy : List.of("channel", "day", "week", "queue", "language")) {
      totals.add(
          report("from=2026-03-10&to=2026-03-15&groupBy=" + groupBy)
              .path("totals")
              .path("posts")
              .asLong());
    }
    assertThat(totals).containsOnly(4L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Asia/Bangkok", "Asia/Tehran", "America/Los_Angeles"})
  void aReportMayStartOnTheFirstLocalDayOf2006ButNotBefore(String zone) throws Exception {
    start(zone);

    assertThat(report("from=2006-01-01&to=2006-01-31").path("firstDay").asText())
        .isEqualTo("2006-01-01");
    HttpResponse<String> before =
        http.send(
            HttpRequest.newBuilder(jetty.uri("/api/sla/report?from=2005-12-31&to=2006-01-31"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(before.statusCode()).isEqualTo(400);
    assertThat(before.body()).contains("is before 2006-01-01");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Asia/Bangkok", "Asia/Tehran"})
  void theReportSaysItsPeriodInLocalDays(String zone) throws Exception {
    start(zone);

    JsonNode report = report("groupBy=channel"); // the default period: 30 local days to today

    assertThat(report.path("zone").asText()).isEqualTo(zone);
    assertThat(report.path("firstDay").asText()).isEqualTo("2026-02-19");
    assertThat(report.path("lastDay").asText()).isEqualTo("2026-03-20");
    assertThat(Instant.parse(report.path("from").asText()))
        .isEqualTo(TestCalendars.at(zone, "2026-02-19T00:00"));
  }
}
