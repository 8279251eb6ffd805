package org.socialdesk.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;
import static org.socialdesk.sla.SlaConfigs.sentiment;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.SocialdeskEvent.SlaAlert;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.SlaEvents;
import org.socialdesk.sla.TestingDatabase;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.config.SlaEscalationConfig;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingPostgres;

/**
 * Several instances on one real PostgreSQL: each deadline fires once however many tick at the same
 * moment, and a deadline an instance had claimed when it was killed fires on another at its next
 * tick, a second later, because PostgreSQL ends a dead connection's transaction and its row locks
 * with it.
 */
class SlaTickerPostgresIT {

  private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
  private static final int TICKETS = 60;

  private TestingPostgres postgres;
  private SlaJdbc jdbc;
  private final SlaPolicies policies =
      config(rule("negative", sentiment("negative"), "24x7", "15m", "30m", "4h")).slaPolicies();
  private final SettableClock clock = new SettableClock(T0);

  @BeforeEach
  void openDatabaseWithDueClocks() throws Exception {
    postgres = TestingPostgres.create(TestingDatabase.CHANGELOG);
    jdbc = new SlaJdbc(postgres.dataSource());
    SlaClockEvents events = new SlaClockEvents(jdbc, policies);
    for (int i = 1; i <= TICKETS; i++) {
      events.onPostRouted(
          SlaEvents.routed(
              SlaEvents.ticket(Integer.toString(i)),
              SlaEvents.post("x", "p" + i, T0, Visibility.PUBLIC),
              SlaEvents.enrichment("en", Sentiment.Label.NEGATIVE, null, null, 50, null),
              true));
    }
    clock.set(T0.plus(Duration.ofMinutes(13)));
  }

  @AfterEach
  void dropDatabase() throws Exception {
    postgres.close();
  }

  @Test
  void fourInstancesTickingTogetherRaiseEachWarningOnce() throws Exception {
    List<ImmediateEventBus> buses = new ArrayList<>();
    List<Callable<Void>> instances = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ImmediateEventBus bus = new ImmediateEventBus();
      buses.add(bus);
      SlaTicker ticker =
          new SlaTicker(jdbc, policies, SlaEscalationConfig.DEFAULTS, false, bus, clock);
      instances.add(
          () -> {
            for (int tick = 0; tick < 5; tick++) {
              ticker.tick();
            }
            return null;
          });
    }
    try (var threads = Executors.newFixedThreadPool(instances.size())) {
      for (var done : threads.invokeAll(instances)) {
        done.get();
      }
    }

    long raised =
        buses.stream()
            .mapToLong(bus -> bus.published().stream().filter(SlaAlert.class::isInstance).count())
            .sum();
    assertThat(raised).isEqualTo(TICKETS);
    assertThat(
            TestingDatabase.query(
                postgres.dataSource(),
                "SELECT count(*) AS n, count(DISTINCT clock_id) AS clocks FROM sla_alert"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(((Number) row.get("n")).intValue()).isEqualTo(TICKETS);
              assertThat(((Number) row.get("clocks")).intValue()).isEqualTo(TICKETS);
            });
  }

  @Test
  void deadlinesHeldByAnInstanceThatDiesFireOnAnotherAtItsNextTick() throws Exception {
    ImmediateEventBus bus = new ImmediateEventBus();
    SlaTicker survivor =
        new SlaTicker(jdbc, policies, SlaEscalationConfig.DEFAULTS, false, bus, clock);
    Connection dying = postgres.dataSource().getConnection();
    dying.setAutoCommit(false);
    try (Statement claim = dying.createStatement()) {
      // What a ticking instance holds mid-tick: the due clocks, locked in its open transaction.
      claim
          .executeQuery(
              "SELECT id FROM sla_clock WHERE next_check_at <= now() + interval '100 years' FOR UPDATE")
          .close();
    }

    assertThat(survivor.tick()).as("locked rows are skipped, not waited for").isEmpty();
    dying.abort(Runnable::run);
    assertThat(survivor.tick()).hasSize(TICKETS);
  }
}
