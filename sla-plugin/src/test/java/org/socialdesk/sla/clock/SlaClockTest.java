package org.socialdesk.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socialdesk.sla.TestCalendars.at;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.sla.TestCalendars;
import org.socialdesk.sla.calendar.BusinessCalendar;
import org.socialdesk.sla.policy.SlaMatch;
import org.socialdesk.sla.policy.SlaPolicy;
import org.socialdesk.sla.policy.SlaTarget;

class SlaClockTest {

  private static final String BERLIN = "Europe/Berlin";
  private static final TicketRef TICKET = new TicketRef("rt", "42");
  private static final SlaPolicy OFFICE =
      new SlaPolicy(
          "office",
          SlaMatch.ANY,
          "office",
          TestCalendars.weekdays(BERLIN, "09:00-18:00"),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofDays(1),
          0.8);

  private final Instant fridayEvening = at(BERLIN, "2026-03-13T17:30");
  private final SlaClock clock =
      SlaClock.start(TICKET, SlaTarget.FIRST_RESPONSE, OFFICE, fridayEvening);

  @Test
  void dueAndWarningCountBusinessTimeFromTheCustomersPost() {
    assertThat(clock.startedAt()).isEqualTo(fridayEvening);
    assertThat(clock.dueAt()).isEqualTo(at(BERLIN, "2026-03-16T09:30"));
    // 80% of one hour is 48 minutes: 30 on Friday, 18 on Monday.
    assertThat(clock.warningAt()).isEqualTo(at(BERLIN, "2026-03-16T09:18"));
    assertThat(clock.policy()).isEqualTo("office");
    assertThat(clock.isRunning()).isTrue();
  }

  @Test
  void eachTargetUsesItsOwnLimit() {
    Instant tuesdayNoon = at(BERLIN, "2026-03-10T12:00");

    assertThat(SlaClock.start(TICKET, SlaTarget.NEXT_RESPONSE, OFFICE, tuesdayNoon).dueAt())
        .isEqualTo(at(BERLIN, "2026-03-10T14:00"));
    assertThat(SlaClock.start(TICKET, SlaTarget.RESOLUTION, OFFICE, tuesdayNoon).dueAt())
        .isEqualTo(at(BERLIN, "2026-03-12T18:00")); // 6h Tuesday, 9h Wednesday, 9h Thursday
  }

  @Test
  void runningClockOverTheWeekendHasUsedOnlyFridaysHalfHour() {
    assertThat(clock.stateAt(at(BERLIN, "2026-03-15T12:00")))
        .isEqualTo(new SlaState.Running(Duration.ofMinutes(30), Duration.ofMinutes(30)));
  }

  @Test
  void clockWarnsFromTheWarningInstant() {
    assertThat(clock.stateAt(at(BERLIN, "2026-03-16T09:17:59")))
        .isInstanceOf(SlaState.Running.class);
    assertThat(clock.stateAt(at(BERLIN, "2026-03-16T09:18")))
        .isEqualTo(new SlaState.Warned(Duration.ofMinutes(48), Duration.ofMinutes(12)));
  }

  @Test
  void runningClockIsBreachedFromItsDeadlineAndCountsOverdueBusinessTime() {
    assertThat(clock.stateAt(at(BERLIN, "2026-03-16T09:30")))
        .isEqualTo(new SlaState.Breached(Duration.ofHours(1), Duration.ZERO, null));
    SlaState later = clock.stateAt(at(BERLIN, "2026-03-16T11:00"));
    assertThat(later)
        .isEqualTo(new SlaState.Breached(Duration.ofMinutes(150), Duration.ofMinutes(90), null));
    assertThat(later.isFinal()).isFalse();
  }

  @Test
  void answerBeforeTheDeadlineIsMetWithTheBusinessTimeItTook() {
    Instant answered = at(BERLIN, "2026-03-16T09:10");

    SlaState state = clock.answered(answered).stateAt(at(BERLIN, "2026-04-01T00:00"));

    assertThat(state).isEqualTo(new SlaState.Met(answered, Duration.ofMinutes(40)));
    assertThat(state.isFinal()).isTrue();
  }

  @Test
  void answerExactlyAtTheDeadlineIsInTime() {
    assertThat(clock.answered(clock.dueAt()).stateAt(clock.dueAt()))
        .isEqualTo(new SlaState.Met(clock.dueAt(), Duration.ofHours(1)));
  }

  @Test
  void lateAnswerEndsTheClockAsBreached() {
    Instant answered = at(BERLIN, "2026-03-16T10:00");

    SlaState state = clock.answered(answered).stateAt(at(BERLIN, "2026-04-01T00:00"));

    assertThat(state)
        .isEqualTo(new SlaState.Breached(Duration.ofMinutes(90), Duration.ofMinutes(30), answered));
    assertThat(state.isFinal()).isTrue();
  }

  @Test
  void anEndedClockKeepsItsFirstEnding() {
    SlaClock answered = clock.answered(at(BERLIN, "2026-03-16T09:10"));

    assertThat(answered.answered(at(BERLIN, "2026-03-16T09:20"))).isSameAs(answered);
    assertThat(answered.withdrawn(at(BERLIN, "2026-03-16T09:20"))).isSameAs(answered);
  }

  @Test
  void elapsedCountsBusinessTimeUntilNowOrUntilTheEnd() {
    assertThat(clock.elapsed(at(BERLIN, "2026-03-16T09:05"))).isEqualTo(Duration.ofMinutes(35));
    assertThat(
            clock.answered(at(BERLIN, "2026-03-16T09:05")).elapsed(at(BERLIN, "2026-03-20T09:05")))
        .isEqualTo(Duration.ofMinutes(35));
  }

  @Test
  void answerStampedBeforeThePostTookNoTime() {
    // The network's clock and ours may disagree by a few seconds.
    Instant tuesday = at(BERLIN, "2026-03-10T10:00");
    SlaClock quick = SlaClock.start(TICKET, SlaTarget.FIRST_RESPONSE, OFFICE, tuesday);

    assertThat(quick.answered(tuesday.minusSeconds(2)).stateAt(tuesday))
        .isEqualTo(new SlaState.Met(tuesday.minusSeconds(2), Duration.ZERO));
  }

  @Test
  void clockRefusesAWarningAfterItsDeadline() {
    Instant now = Instant.parse("2026-03-10T10:00:00Z");

    assertThatThrownBy(
            () ->
                new SlaClock(
                    TICKET,
                    SlaTarget.FIRST_RESPONSE,
                    "x",
                    now,
                    now,
                    now.plusSeconds(1),
                    BusinessCalendar.ALWAYS_OPEN,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need startedAt <= warningAt <= dueAt");
  }

  @Test
  void clockRefusesAnEndingWithoutItsInstant() {
    Instant now = Instant.parse("2026-03-10T10:00:00Z");

    assertThatThrownBy(
            () ->
                new SlaClock(
                    TICKET,
                    SlaTarget.FIRST_RESPONSE,
                    "x",
                    now,
                    now,
                    now,
                    BusinessCalendar.ALWAYS_OPEN,
                    null,
                    SlaClock.Ending.ANSWERED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endedAt and ending are set together");
  }

  @Test
  void targetsHaveKebabCaseWireNames() {
    assertThat(SlaTarget.FIRST_RESPONSE.wireName()).isEqualTo("first-response");
    assertThat(SlaTarget.RESOLUTION.isResponse()).isFalse();
  }
}
