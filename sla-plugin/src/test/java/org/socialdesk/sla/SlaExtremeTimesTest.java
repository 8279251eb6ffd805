package org.socialdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.event.SocialdeskEvent.PostChanged;
import org.socialdesk.api.event.SocialdeskEvent.PostRouted;
import org.socialdesk.api.event.SocialdeskEvent.ReplyPublished;
import org.socialdesk.api.event.SocialdeskEvent.TicketStatusChanged;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingPluginContext;

/**
 * Any Instant a network or the host may hand the plugin: no exception, and clocks that run from a
 * sane time.
 */
class SlaExtremeTimesTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  private final ImmediateEventBus bus = new ImmediateEventBus();
  private final DataSource db = TestingDatabase.create();
  private final SlaPlugin plugin = new SlaPlugin();
  private final TestingPluginContext context =
      TestingPluginContext.builder()
          .config(config(rule("default", null, "24x7", "1h", "2h", "1d")))
          .dataSource(db)
          .events(bus)
          .clock(new SettableClock(NOW))
          .runMode(RunMode.COMMAND)
          .build();

  @AfterEach
  void stop() {
    plugin.stop();
    context.close();
  }

  @ParameterizedTest
  @MethodSource("org.socialdesk.testkit.ExtremeInstants#all")
  void aPostFromAnyTimeStartsClocksAtOurTimeThatAnAnswerStops(Instant extreme) throws Exception {
    plugin.start(context);

    bus.publish(
        new PostRouted(
            SlaEvents.post("x", "p1", extreme, Visibility.PUBLIC),
            Enrichment.NONE,
            SlaEvents.ticket("1"),
            true,
            extreme));

    assertThat(clock("first-response"))
        .containsExactly(NOW.toString(), NOW.plus(Duration.ofHours(1)).toString(), null);
    bus.publish(
        new ReplyPublished(
            SlaEvents.ticket("1"),
            new PostKey("x", "p1"),
            "r-1",
            null,
            Visibility.PUBLIC,
            "alice",
            extreme));
    assertThat(clock("first-response"))
        .containsExactly(NOW.toString(), NOW.plus(Duration.ofHours(1)).toString(), NOW.toString());
    bus.publish(
        new TicketStatusChanged(SlaEvents.ticket("1"), "open", "resolved", true, "alice", extreme));
    assertThat(clock("resolution").get(2)).isEqualTo(NOW.toString());
    bus.publish(new PostChanged(new PostKey("x", "p1"), SlaEvents.ticket("1"), true, extreme));
  }

  @ParameterizedTest
  @MethodSource("org.socialdesk.testkit.ExtremeInstants#all")
  void theFirstResponseDueOfAPostFromAnyTimeCountsFromOurTime(Instant extreme) {
    plugin.start(context);

    Instant due =
        plugin
            .slaHooks()
            .getFirst()
            .firstResponseDue(
                SlaEvents.post("x", "p1", extreme, Visibility.PUBLIC), Enrichment.NONE)
            .orElseThrow();

    assertThat(due).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  /** started_at, due_at and ended_at of the ticket's clock of {@code target}, as ISO instants. */
  private List<String> clock(String target) throws Exception {
    try (Connection connection = db.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT started_at, due_at, ended_at FROM sla_clock WHERE ticket_id = '1' AND target = ?")) {
      select.setString(1, target);
      try (ResultSet rows = select.executeQuery()) {
        assertThat(rows.next()).as("a " + target + " clock").isTrue();
        java.util.ArrayList<String> values = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          java.sql.Timestamp at = rows.getTimestamp(i);
          values.add(at == null ? null : at.toInstant().toString());
        }
        return values;
      }
    }
  }
}
