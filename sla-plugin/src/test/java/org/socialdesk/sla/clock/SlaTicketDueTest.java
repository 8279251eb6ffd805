package org.socialdesk.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;
import static org.socialdesk.sla.SlaEvents.laterPost;
import static org.socialdesk.sla.SlaEvents.newTicket;
import static org.socialdesk.sla.SlaEvents.reply;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.event.SocialdeskEvent.TicketStatusChanged;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.FakeHelpdesk;
import org.socialdesk.sla.SlaEvents;
import org.socialdesk.sla.TestingDatabase;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.testkit.SettableClock;

class SlaTicketDueTest {

  private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
  private static final Duration FIRST = Duration.ofHours(1);
  private static final Duration NEXT = Duration.ofMinutes(30);
  private static final Duration RESOLUTION = Duration.ofDays(1);

  private final DataSource db = TestingDatabase.create();
  private final SlaPolicies policies =
      config(rule("default", null, "24x7", "1h", "30m", "1d")).slaPolicies();
  private final SlaJdbc jdbc = new SlaJdbc(db);
  private final SettableClock clock = new SettableClock(T0);
  private final FakeHelpdesk helpdesk = new FakeHelpdesk();
  private final SlaClockEvents events = new SlaClockEvents(jdbc, policies);
  private final SlaTicketDue due = new SlaTicketDue(jdbc, helpdesk, clock);

  private List<Instant> dueSent() {
    return helpdesk.updates.stream()
        .map(FakeHelpdesk.Update::update)
        .map(TicketUpdate::due)
        .toList();
  }

  private void syncAt(Duration sinceStart) {
    clock.set(T0.plus(sinceStart));
    due.deliver();
  }

  /** Ticket 7, born with its first-response deadline as Due, as the SLA hook makes it. */
  private void ticketBornWithItsFirstResponseDue() {
    events.onPostRouted(
        SlaEvents.routed(
            SlaEvents.ticket("7"),
            SlaEvents.post("x", "p1", T0, Visibility.PUBLIC),
            Enrichment.NONE.withDue(T0.plus(FIRST)),
            true));
  }

  @Test
  void aTicketBornWithItsFirstResponseDueIsNotUpdatedAgain() {
    ticketBornWithItsFirstResponseDue();
    syncAt(Duration.ofSeconds(1));
    syncAt(Duration.ofSeconds(2));

    assertThat(helpdesk.updates).isEmpty();
  }

  @Test
  void aTicketBornWithoutDueGetsItsEarliestDeadline() {
    events.onPostRouted(newTicket("7", "p1", T0));
    syncAt(Duration.ofSeconds(1));

    assertThat(helpdesk.updates)
        .singleElement()
        .isEqualTo(
            new FakeHelpdesk.Update(SlaEvents.ticket("7"), TicketUpdate.due(T0.plus(FIRST))));
  }

  @Test
  void anAnsweredFirstResponseMovesDueToTheResolutionDeadline() {
    ticketBornWithItsFirstResponseDue();
    events.onReplyPublished(reply("7", "p1", "alice", T0.plusSeconds(600)));
    syncAt(Duration.ofSeconds(601));

    assertThat(dueSent()).containsExactly(T0.plus(RESOLUTION));
  }

  @Test
  void aLaterCustomerPostStartsNextResponseAndDueMovesToItsDeadlineThenBackWhenAnswered() {
    ticketBornWithItsFirstResponseDue();
    events.onReplyPublished(reply("7", "p1", "alice", T0.plusSeconds(600)));
    Instant second = T0.plusSeconds(900);
    events.onPostRouted(laterPost("7", "p2", second));
    syncAt(Duration.ofSeconds(901));
    events.onReplyPublished(reply("7", "p2", "alice", second.plusSeconds(120)));
    syncAt(Duration.ofSeconds(1021));

    assertThat(dueSent()).containsExactly(second.plus(NEXT), T0.plus(RESOLUTION));
  }

  @Test
  void whenNoClockIsLeftRunningDueIsClearedTheWayRtUnsetsADate() {
    ticketBornWithItsFirstResponseDue();
    events.onReplyPublished(reply("7", "p1", "alice", T0.plusSeconds(600)));
    events.onTicketStatusChanged(
        new TicketStatusChanged(
            SlaEvents.ticket("7"), "open", "resolved", true, "alice", T0.plusSeconds(700)));
    syncAt(Duration.ofSeconds(701));

    assertThat(dueSent()).containsExactly(Instant.parse("1970-01-01T00:00:00Z"));
  }

  @Test
  void aBreachedClockStillHoldsDueAtItsPassedDeadline() {
    ticketBornWithItsFirstResponseDue();
    events.onPostRouted(
        laterPost("7", "p2", T0.plusSeconds(60))); // first response still running: no new clock
    syncAt(FIRST.plusMinutes(5));

    assertThat(helpdesk.updates).isEmpty();
  }

  @Test
  void aHelpdeskOutageIsRetriedWithBackoffAndSendsTheDueOnce() {
    ticketBornWithItsFirstResponseDue();
    events.onReplyPublished(reply("7", "p1", "alice", T0.plusSeconds(600)));
    helpdesk.failingUpdates = 1;
    syncAt(Duration.ofSeconds(601));
    syncAt(Duration.ofSeconds(603)); // inside the 5 s backoff: nothing
    assertThat(helpdesk.updates).isEmpty();

    syncAt(Duration.ofSeconds(607));
    syncAt(Duration.ofSeconds(608));

    assertThat(dueSent()).containsExactly(T0.plus(RESOLUTION));
    assertThat(
            TestingDatabase.query(db, "SELECT next_at, attempts, last_error FROM sla_ticket_due"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("next_at")).isNull();
              assertThat(row.get("attempts")).isEqualTo(0);
              assertThat(row.get("last_error")).isNull();
            });
  }

  @Test
  void aClockThatChangesWhileDueIsBeingSentIsSyncedAgain() {
    ticketBornWithItsFirstResponseDue();
    events.onReplyPublished(reply("7", "p1", "alice", T0.plusSeconds(600)));
    Instant second = T0.plusSeconds(601);
    // The customer posts again while the resolution deadline is on its way to the helpdesk.
    HelpdeskGateway postsWhileUpdating =
        (HelpdeskGateway)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HelpdeskGateway.class},
                (proxy, method, args) -> {
                  Object result = method.invoke(helpdesk, args);
                  if (method.getName().equals("update") && helpdesk.updates.size() == 1) {
                    events.onPostRouted(laterPost("7", "p2", second));
                  }
                  return result;
                });
    SlaTicketDue racing = new SlaTicketDue(jdbc, postsWhileUpdating, clock);
    clock.set(second);
    racing.deliver();
    racing.deliver();
    racing.deliver();

    assertThat(dueSent()).containsExactly(T0.plus(RESOLUTION), second.plus(NEXT));
  }

  @Test
  void aSyncWithNothingMarkedIsOneQueryOnTheNextAtIndex() {
    List<java.util.Map<String, Object>> plan =
        TestingDatabase.query(
            db,
            "EXPLAIN SELECT helpdesk FROM sla_ticket_due WHERE next_at <= TIMESTAMP WITH TIME ZONE '2026-03-10 10:00:00+00'"
                + " ORDER BY next_at LIMIT 50");

    assertThat(plan.getFirst().values().iterator().next().toString())
        .contains("SLA_TICKET_DUE_NEXT");
  }
}
