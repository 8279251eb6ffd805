package org.socialdesk.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.TestCalendars.hours;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.socialdesk.sla.TestCalendars;

/**
 * Checks the fast walk against its definition, over many random instants with a fixed seed, in
 * zones with DST (including Lord Howe's half-hour shift), without it, and far from UTC.
 */
class BusinessCalendarPropertyTest {

  private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
  private static final long SPAN_MINUTES = Duration.ofDays(4 * 365).toMinutes();

  static Stream<BusinessHours> calendars() {
    return Stream.of(
        TestCalendars.weekdays("Europe/Berlin", "09:00-18:00"),
        TestCalendars.everyDay(
            "Europe/Berlin", "00:30-02:30", "09:00-12:00", "13:00-18:00", "23:00-24:00"),
        TestCalendars.everyDay("America/New_York", "00:00-01:30", "01:45-02:15", "08:00-17:00"),
        TestCalendars.weekdays("Asia/Tehran", "08:00-16:00"),
        TestCalendars.weekdays("Pacific/Kiritimati", "09:00-17:00"),
        TestCalendars.everyDay("Australia/Lord_Howe", "01:00-03:00", "10:00-11:00"),
        new BusinessHours(
            ZoneId.of("America/Sao_Paulo"),
            Map.of(
                DayOfWeek.MONDAY,
                hours("00:00-06:00", "20:00-24:00"),
                DayOfWeek.SATURDAY,
                hours("10:00-14:00")),
            Set.of(LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-10")),
            Map.of(LocalDate.parse("2026-01-12"), hours("11:00-11:30"))));
  }

  @ParameterizedTest
  @MethodSource("calendars")
  void businessTimeBetweenUndoesAddBusinessTime(BusinessHours calendar) {
    Random random = new Random(20260329);
    for (int i = 0; i < 2_000; i++) {
      Instant start = randomInstant(random);
      Duration target =
          Duration.ofSeconds(1 + random.nextInt((int) Duration.ofDays(10).toSeconds()));

      Instant due = calendar.addBusinessTime(start, target);

      assertThat(calendar.businessTimeBetween(start, due))
          .as("start %s target %s", start, target)
          .isEqualTo(target);
      assertThat(calendar.isOpen(due.minusNanos(1))).as("just before %s", due).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("calendars")
  void businessTimeAddsUpOverConsecutiveStretches(BusinessHours calendar) {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      Instant a = randomInstant(random);
      Instant b = a.plusSeconds(random.nextInt(5 * 86_400));
      Instant c = b.plusSeconds(random.nextInt(5 * 86_400));

      assertThat(calendar.businessTimeBetween(a, c))
          .isEqualTo(calendar.businessTimeBetween(a, b).plus(calendar.businessTimeBetween(b, c)));
    }
  }

  @ParameterizedTest
  @MethodSource("calendars")
  void isOpenAgreesWithTheWallClockDefinition(BusinessHours calendar) {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      Instant at = randomInstant(random);

      assertThat(calendar.isOpen(at))
          .as("at %s", at)
          .isEqualTo(TestCalendars.naiveIsOpen(calendar, at));
    }
  }

  @ParameterizedTest
  @MethodSource("calendars")
  void businessTimeBetweenAgreesWithCountingMinuteByMinuteAroundEveryTransition(
      BusinessHours calendar) {
    for (Instant transition : transitions(calendar.zone())) {
      for (int shiftHours : List.of(-30, -3, 0, 2)) {
        Instant from = transition.plus(Duration.ofHours(shiftHours)).minus(Duration.ofHours(20));
        Instant to = from.plus(Duration.ofDays(2));

        assertThat(calendar.businessTimeBetween(from, to))
            .as("%s to %s", from, to)
            .isEqualTo(Duration.ofMinutes(TestCalendars.naiveOpenMinutes(calendar, from, to)));
      }
    }
  }

  /** The zone's transitions in the test years; ZoneRules.getTransitions() omits rule-made ones. */
  private static List<Instant> transitions(ZoneId zone) {
    List<Instant> found = new ArrayList<>();
    Instant end = FROM.plus(Duration.ofMinutes(SPAN_MINUTES));
    for (ZoneOffsetTransition t = zone.getRules().nextTransition(FROM);
        t != null && t.getInstant().isBefore(end);
        t = zone.getRules().nextTransition(t.getInstant())) {
      found.add(t.getInstant());
    }
    return found;
  }

  @Test
  void transitionTestsReallyCoverTransitions() {
    assertThat(transitions(ZoneId.of("Europe/Berlin"))).hasSize(8);
    assertThat(transitions(ZoneId.of("Australia/Lord_Howe"))).hasSize(8);
    assertThat(transitions(ZoneId.of("Asia/Tehran"))).isEmpty();
  }

  private static Instant randomInstant(Random random) {
    return FROM.plusSeconds(random.nextLong(SPAN_MINUTES * 60))
        .plusNanos(random.nextInt(3) * 500_000_000L);
  }
}
