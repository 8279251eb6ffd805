package org.socialdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;
import static org.socialdesk.sla.SlaConfigs.sentiment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.SocialdeskEvent.SlaAlert;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.alert.SlaAlertOutbox;
import org.socialdesk.sla.clock.SlaClockEvents;
import org.socialdesk.sla.clock.SlaTicker;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.config.SlaEscalationConfig;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.SettableClock;

class SlaEscalationTest {

  private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");

  private final DataSource db = TestingDatabase.create();
  private final SlaPolicies policies =
      config(rule("vip-negative", sentiment("negative"), "24x7", "15m", "30m", "4h")).slaPolicies();
  private final SlaJdbc jdbc = new SlaJdbc(db);
  private final SettableClock clock = new SettableClock(T0);
  private final ImmediateEventBus bus = new ImmediateEventBus();
  private final FakeHelpdesk helpdesk = new FakeHelpdesk();
  private final SlaClockEvents events = new SlaClockEvents(jdbc, policies);
  private final SlaTicker ticker =
      new SlaTicker(jdbc, policies, SlaEscalationConfig.DEFAULTS, false, bus, clock);
  private final SlaAlertOutbox outbox = new SlaAlertOutbox(jdbc, helpdesk, null, clock);

  private static final org.socialdesk.api.helpdesk.TicketRef TICKET_7 = SlaEvents.ticket("7");

  /**
   * Ticket 7 is created with {@code priority}, as the host creates it, and its post starts the
   * clocks.
   */
  private void negativePostOnTicket7(int priority) {
    helpdesk.agentSetsPriority(TICKET_7, priority);
    events.onPostRouted(
        SlaEvents.routed(
            SlaEvents.ticket("7"),
            SlaEvents.post("x", "p1", T0, Visibility.PUBLIC),
            SlaEvents.enrichment("en", Sentiment.Label.NEGATIVE, null, null, priority, null),
            true));
  }

  private void tickAt(Duration sinceStart) {
    clock.set(T0.plus(sinceStart));
    SlaPlugin.tick(ticker, outbox);
  }

  private List<SlaAlert> alerts() {
    return bus.published().stream()
        .filter(SlaAlert.class::isInstance)
        .map(SlaAlert.class::cast)
        .toList();
  }

  @Test
  void nothingHappensBeforeTheWarningInstant() {
    negativePostOnTicket7(50);
    tickAt(Duration.ofMinutes(11));

    assertThat(alerts()).isEmpty();
    assertThat(helpdesk.notes).isEmpty();
  }

  @Test
  void warningThenBreachEachFireExactlyOnceAcrossRepeatedTicks() {
    negativePostOnTicket7(50);
    for (int minute = 0; minute <= 40; minute++) {
      tickAt(Duration.ofMinutes(minute));
      tickAt(Duration.ofMinutes(minute).plusSeconds(1));
    }

    assertThat(alerts())
        .extracting(a -> a.target() + " " + a.level())
        .containsExactly("first-response WARNING", "first-response BREACH");
    assertThat(alerts().getFirst().due()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    assertThat(helpdesk.notes)
        .extracting(FakeHelpdesk.Note::text)
        .containsExactly(
            "SLA warning: first response due at 2026-03-10 10:15 UTC (policy vip-negative, 80% of 15m used)",
            "SLA breached: first response was due at 2026-03-10 10:15 UTC (policy vip-negative, target 15m)");
    // Priority only: the ticket's Due is SlaTicketDue's (see SlaTicketDueTest).
    assertThat(helpdesk.updates)
        .extracting(FakeHelpdesk.Update::update)
        .containsExactly(TicketUpdate.priority(60), TicketUpdate.priority(70));
    assertThat(
            TestingDatabase.query(
                db, "SELECT state FROM sla_clock WHERE target = 'first-response'"))
        .extracting(r -> r.get("state"))
        .containsExactly("breached");
  }

  @Test
  void priorityIsCappedAtNinetyNine() {
    negativePostOnTicket7(95);
    tickAt(Duration.ofMinutes(13));

    assertThat(helpdesk.updates.getFirst().update().priority()).isEqualTo(99);
  }

  @Test
  void resolutionWarningAfterAFirstResponseBreachNeverLowersThePriority() {
    negativePostOnTicket7(50);
    tickAt(Duration.ofMinutes(12));
    tickAt(Duration.ofMinutes(16));
    tickAt(Duration.ofMinutes(193)); // 80% of the 4h resolution target

    assertThat(alerts())
        .extracting(a -> a.target() + " " + a.level())
        .containsExactly("first-response WARNING", "first-response BREACH", "resolution WARNING");
    assertThat(helpdesk.priorities.get(TICKET_7)).isEqualTo(70);
    assertThat(helpdesk.updates).extracting(u -> u.update().priority()).containsExactly(60, 70);
    assertThat(helpdesk.notes).hasSize(3);
  }

  @Test
  void anAgentsHigherPriorityStandsThroughAWarning() {
    negativePostOnTicket7(50);
    helpdesk.agentSetsPriority(TICKET_7, 90);
    tickAt(Duration.ofMinutes(12));

    assertThat(helpdesk.notes).hasSize(1);
    assertThat(helpdesk.updates).isEmpty();
    assertThat(helpdesk.priorities.get(TICKET_7)).isEqualTo(90);
    assertThat(TestingDatabase.query(db, "SELECT helpdesk_step, helpdesk_next_at FROM sla_alert"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("helpdesk_step")).isEqualTo(2);
              assertThat(row.get("helpdesk_next_at")).isNull();
            });
  }

  @Test
  void anAgentsLowerPriorityIsRaisedToWhatTheAlertAsks() {
    negativePostOnTicket7(50);
    helpdesk.agentSetsPriority(TICKET_7, 30);
    tickAt(Duration.ofMinutes(12));

    assertThat(helpdesk.priorities.get(TICKET_7)).isEqualTo(60);
  }

  @Test
  void clockAnsweredBeforeItsWarningNeverAlerts() {
    negativePostOnTicket7(50);
    events.onReplyPublished(SlaEvents.reply("7", "p1", "alice", T0.plusSeconds(60)));
    tickAt(Duration.ofMinutes(20));

    assertThat(alerts()).isEmpty();
  }

  @Test
  void helpdeskOutageDuringEnforcementIsRetriedWithoutDuplicates() {
    negativePostOnTicket7(50);
    helpdesk.failingNotes = 2;
    tickAt(Duration.ofMinutes(12));
    assertThat(helpdesk.notes).isEmpty();
    assertThat(alerts()).hasSize(1); // the event goes out once, whatever the helpdesk does

    tickAt(Duration.ofMinutes(12).plusSeconds(2)); // before the 5 s backoff: nothing
    tickAt(Duration.ofMinutes(12).plusSeconds(6)); // second failure
    helpdesk.failingUpdates = 1;
    tickAt(Duration.ofMinutes(12).plusSeconds(40)); // note goes in, update fails
    tickAt(Duration.ofMinutes(14)); // before the 2 min backoff: nothing
    tickAt(Duration.ofMinutes(14).plusSeconds(41)); // update goes in, the note is not repeated
    tickAt(Duration.ofMinutes(14).plusSeconds(50));

    assertThat(helpdesk.notes).hasSize(1);
    assertThat(helpdesk.updates).hasSize(1);
    assertThat(alerts()).hasSize(1);
    assertThat(
            TestingDatabase.query(
                db, "SELECT helpdesk_step, helpdesk_next_at, helpdesk_attempts FROM sla_alert"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("helpdesk_step")).isEqualTo(2);
              assertThat(row.get("helpdesk_next_at")).isNull();
              assertThat(row.get("helpdesk_attempts")).isEqualTo(3);
            });
  }

  @Test
  void dueTickIsOneQueryOnTheStateAndNextCheckIndex() {
    List<java.util.Map<String, Object>> plan =
        TestingDatabase.query(
            db,
            "EXPLAIN SELECT id FROM sla_clock WHERE state IN ('running', 'warned')"
                + " AND next_check_at <= TIMESTAMP WITH TIME ZONE '2026-03-10 10:00:00+00' ORDER BY next_check_at LIMIT 100");

    assertThat(plan.getFirst().values().iterator().next().toString())
        .contains("SLA_CLOCK_NEXT_CHECK");
  }
}
