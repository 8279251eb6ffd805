package org.socialdesk.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socialdesk.sla.TestCalendars.at;
import static org.socialdesk.sla.TestCalendars.everyDay;
import static org.socialdesk.sla.TestCalendars.hours;
import static org.socialdesk.sla.TestCalendars.weekdays;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.socialdesk.sla.TestCalendars;

class BusinessHoursTest {

  private static final String BERLIN = "Europe/Berlin";
  private static final String NEW_YORK = "America/New_York";
  private final BusinessHours berlinOffice = weekdays(BERLIN, "09:00-18:00");

  @Test
  void fridayEveningPostIsDueMondayMorningInBusinessHours() {
    Instant friday = at(BERLIN, "2026-03-13T19:30");

    assertThat(berlinOffice.addBusinessTime(friday, Duration.ofHours(1)))
        .isEqualTo(at(BERLIN, "2026-03-16T10:00"));
  }

  @Test
  void postBeforeOpeningStartsTheClockAtOpening() {
    assertThat(berlinOffice.addBusinessTime(at(BERLIN, "2026-03-10T06:00"), Duration.ofMinutes(30)))
        .isEqualTo(at(BERLIN, "2026-03-10T09:30"));
  }

  @Test
  void targetEndingExactlyAtClosingIsDueAtClosingNotNextMorning() {
    assertThat(berlinOffice.addBusinessTime(at(BERLIN, "2026-03-10T17:00"), Duration.ofHours(1)))
        .isEqualTo(at(BERLIN, "2026-03-10T18:00"));
  }

  @Test
  void targetLeftOverAtClosingCarriesToNextOpening() {
    assertThat(berlinOffice.addBusinessTime(at(BERLIN, "2026-03-10T17:30"), Duration.ofHours(1)))
        .isEqualTo(at(BERLIN, "2026-03-11T09:30"));
  }

  @Test
  void threeDayTargetCountsSeventyTwoOpenHoursSoNineHourDaysTakeEightBusinessDays() {
    Instant monday = at(BERLIN, "2026-02-02T09:00");

    Instant due = berlinOffice.addBusinessTime(monday, Duration.ofDays(3));

    assertThat(due).isEqualTo(at(BERLIN, "2026-02-11T18:00"));
    assertThat(berlinOffice.businessTimeBetween(monday, due)).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void lunchBreakBetweenTwoIntervalsDoesNotCount() {
    BusinessHours split = weekdays(BERLIN, "09:00-12:00", "13:00-18:00");

    assertThat(split.addBusinessTime(at(BERLIN, "2026-03-10T11:30"), Duration.ofHours(1)))
        .isEqualTo(at(BERLIN, "2026-03-10T13:30"));
    assertThat(split.addBusinessTime(at(BERLIN, "2026-03-10T12:15"), Duration.ofHours(1)))
        .isEqualTo(at(BERLIN, "2026-03-10T14:00"));
    assertThat(split.isOpen(at(BERLIN, "2026-03-10T12:30"))).isFalse();
    assertThat(
            split.businessTimeBetween(
                at(BERLIN, "2026-03-10T00:00"), at(BERLIN, "2026-03-11T00:00")))
        .isEqualTo(Duration.ofHours(8));
  }

  @Test
  void intervalsWrittenOutOfOrderAreSorted() {
    BusinessHours split = weekdays(BERLIN, "13:00-18:00", "09:00-12:00");

    assertThat(split.addBusinessTime(at(BERLIN, "2026-03-10T08:00"), Duration.ofHours(4)))
        .isEqualTo(at(BERLIN, "2026-03-10T14:00"));
  }

  @Test
  void holidaysAreClosedAllDay() {
    BusinessHours withHolidays =
        new BusinessHours(
            ZoneId.of(BERLIN),
            TestCalendars.week(TestCalendars.WEEKDAYS, hours("09:00-18:00")),
            Set.of(LocalDate.parse("2026-12-31"), LocalDate.parse("2027-01-01")),
            Map.of());

    // Wednesday 17:00; Thursday and Friday are holidays; the weekend is closed.
    assertThat(withHolidays.addBusinessTime(at(BERLIN, "2026-12-30T17:00"), Duration.ofHours(2)))
        .isEqualTo(at(BERLIN, "2027-01-04T10:00"));
    assertThat(withHolidays.isOpen(at(BERLIN, "2026-12-31T10:00"))).isFalse();
  }

  @Test
  void overrideGivesOtherHoursOnOneDateAndWinsOverHoliday() {
    LocalDate christmasEve = LocalDate.parse("2026-12-24");
    BusinessHours calendar =
        new BusinessHours(
            ZoneId.of(BERLIN),
            TestCalendars.week(TestCalendars.WEEKDAYS, hours("09:00-18:00")),
            Set.of(christmasEve),
            Map.of(christmasEve, hours("09:00-12:00")));

    assertThat(calendar.addBusinessTime(at(BERLIN, "2026-12-24T11:00"), Duration.ofHours(2)))
        .isEqualTo(at(BERLIN, "2026-12-25T10:00"));
  }

  @Test
  void shiftSplitAtMidnightRunsWithoutAGap() {
    BusinessHours nights =
        new BusinessHours(
            ZoneId.of(BERLIN),
            Map.of(
                DayOfWeek.FRIDAY, hours("18:00-24:00"), DayOfWeek.SATURDAY, hours("00:00-02:00")),
            Set.of(),
            Map.of());

    assertThat(nights.addBusinessTime(at(BERLIN, "2026-03-13T23:30"), Duration.ofHours(1)))
        .isEqualTo(at(BERLIN, "2026-03-14T00:30"));
    assertThat(nights.addBusinessTime(at(BERLIN, "2026-03-14T01:30"), Duration.ofHours(1)))
        .isEqualTo(at(BERLIN, "2026-03-20T18:30"));
  }

  @Test
  void springForwardNightHasOnlyTheWallClockTimeThatExistsInBerlin() {
    // 29 March 2026: clocks jump from 02:00 to 03:00, so 01:00-03:00 lasts one hour.
    BusinessHours nights = everyDay(BERLIN, "01:00-03:00");

    assertThat(
            nights.businessTimeBetween(
                at(BERLIN, "2026-03-29T00:00"), at(BERLIN, "2026-03-29T12:00")))
        .isEqualTo(Duration.ofHours(1));
    assertThat(nights.addBusinessTime(at(BERLIN, "2026-03-29T01:00"), Duration.ofMinutes(90)))
        .isEqualTo(at(BERLIN, "2026-03-30T01:30"));
    assertThat(nights.isOpen(Instant.parse("2026-03-29T00:59:59Z"))).isTrue();
    assertThat(nights.isOpen(Instant.parse("2026-03-29T01:00:00Z"))).isFalse();
  }

  @Test
  void intervalStartingInsideTheSpringForwardGapOpensWhenTheClockJumps() {
    BusinessHours calendar = everyDay(BERLIN, "02:30-04:00");

    assertThat(
            calendar.businessTimeBetween(
                at(BERLIN, "2026-03-29T00:00"), at(BERLIN, "2026-03-29T12:00")))
        .isEqualTo(Duration.ofHours(1));
    assertThat(calendar.addBusinessTime(at(BERLIN, "2026-03-29T00:00"), Duration.ofMinutes(1)))
        .isEqualTo(Instant.parse("2026-03-29T01:01:00Z"));
  }

  @Test
  void fallBackNightHasTheRepeatedHourTwiceInBerlin() {
    // 25 October 2026: clocks go from 03:00 back to 02:00, so 01:00-03:00 lasts three hours.
    BusinessHours nights = everyDay(BERLIN, "01:00-03:00");

    assertThat(
            nights.businessTimeBetween(
                at(BERLIN, "2026-10-25T00:00"), at(BERLIN, "2026-10-25T12:00")))
        .isEqualTo(Duration.ofHours(3));
    assertThat(nights.addBusinessTime(at(BERLIN, "2026-10-25T01:00"), Duration.ofMinutes(150)))
        .isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
  }

  @Test
  void intervalEndingInsideTheRepeatedHourIsOpenDuringBothPasses() {
    // 00:00-02:30 on 25 October: open 00:00-02:30 summer time, closed 02:30-03:00 summer time,
    // open again 02:00-02:30 winter time.
    BusinessHours calendar = everyDay(BERLIN, "00:00-02:30");

    assertThat(calendar.isOpen(Instant.parse("2026-10-25T00:15:00Z"))).isTrue();
    assertThat(calendar.isOpen(Instant.parse("2026-10-25T00:45:00Z"))).isFalse();
    assertThat(calendar.isOpen(Instant.parse("2026-10-25T01:15:00Z"))).isTrue();
    assertThat(calendar.isOpen(Instant.parse("2026-10-25T01:30:00Z"))).isFalse();
    assertThat(
            calendar.businessTimeBetween(
                at(BERLIN, "2026-10-25T00:00"), at(BERLIN, "2026-10-25T12:00")))
        .isEqualTo(Duration.ofHours(3));
  }

  @Test
  void wholeDaysLastTwentyThreeAndTwentyFiveHoursOnBerlinDstSundays() {
    BusinessHours always = everyDay(BERLIN, "00:00-24:00");

    assertThat(
            always.businessTimeBetween(
                at(BERLIN, "2026-03-29T00:00"), at(BERLIN, "2026-03-30T00:00")))
        .isEqualTo(Duration.ofHours(23));
    assertThat(
            always.businessTimeBetween(
                at(BERLIN, "2026-10-25T00:00"), at(BERLIN, "2026-10-26T00:00")))
        .isEqualTo(Duration.ofHours(25));
  }

  @Test
  void deadlineAcrossNewYorkSpringForwardKeepsWallClockOpeningHours() {
    // 8 March 2026: clocks jump from 02:00 to 03:00; the office still opens at 09:00 local.
    BusinessHours office = everyDay(NEW_YORK, "09:00-17:00");

    Instant due = office.addBusinessTime(at(NEW_YORK, "2026-03-07T16:00"), Duration.ofHours(2));

    assertThat(due)
        .isEqualTo(at(NEW_YORK, "2026-03-08T10:00"))
        .isEqualTo(Instant.parse("2026-03-08T14:00:00Z"));
  }

  @Test
  void deadlineAcrossNewYorkFallBackKeepsWallClockOpeningHours() {
    BusinessHours office = everyDay(NEW_YORK, "09:00-17:00");

    Instant due = office.addBusinessTime(at(NEW_YORK, "2026-10-31T16:00"), Duration.ofHours(2));

    assertThat(due)
        .isEqualTo(at(NEW_YORK, "2026-11-01T10:00"))
        .isEqualTo(Instant.parse("2026-11-01T15:00:00Z"));
  }

  @Test
  void repeatedOneOClockHourCountsTwiceInNewYorkFallBack() {
    BusinessHours calendar = everyDay(NEW_YORK, "01:00-02:00");

    assertThat(
            calendar.businessTimeBetween(
                at(NEW_YORK, "2026-11-01T00:00"), at(NEW_YORK, "2026-11-01T12:00")))
        .isEqualTo(Duration.ofHours(2));
    assertThat(
            calendar.businessTimeBetween(
                at(NEW_YORK, "2026-03-08T00:00"), at(NEW_YORK, "2026-03-08T12:00")))
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void bangkokOfficeCountsInLocalTimeSevenHoursAheadOfUtc() {
    BusinessHours bangkok = weekdays("Asia/Bangkok", "09:00-18:00");
    Instant mondayAfternoon = Instant.parse("2026-03-09T08:00:00Z"); // 15:00 in Bangkok

    assertThat(bangkok.addBusinessTime(mondayAfternoon, Duration.ofHours(4)))
        .isEqualTo(Instant.parse("2026-03-10T03:00:00Z")); // Tuesday 10:00 in Bangkok
    assertThat(bangkok.isOpen(Instant.parse("2026-03-09T01:59:00Z"))).isFalse();
    assertThat(bangkok.isOpen(Instant.parse("2026-03-09T02:00:00Z"))).isTrue();
  }

  @Test
  void tehranWeekWithHalfDayThursdayCountsAtUtcPlusThreeThirty() {
    BusinessHours tehran =
        new BusinessHours(
            ZoneId.of("Asia/Tehran"),
            Map.of(
                DayOfWeek.SATURDAY, hours("08:00-16:00"),
                DayOfWeek.SUNDAY, hours("08:00-16:00"),
                DayOfWeek.MONDAY, hours("08:00-16:00"),
                DayOfWeek.TUESDAY, hours("08:00-16:00"),
                DayOfWeek.WEDNESDAY, hours("08:00-16:00"),
                DayOfWeek.THURSDAY, hours("08:00-12:00")),
            Set.of(),
            Map.of());

    // Wednesday 15:00 in Tehran; one hour left on Wednesday, then Thursday from 08:00.
    assertThat(tehran.addBusinessTime(at("Asia/Tehran", "2026-06-24T15:00"), Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-06-25T05:30:00Z"));
    // Thursday 11:00 with 3 hours: 1 on Thursday, Friday closed, 2 on Saturday.
    assertThat(tehran.addBusinessTime(at("Asia/Tehran", "2026-06-25T11:00"), Duration.ofHours(3)))
        .isEqualTo(at("Asia/Tehran", "2026-06-27T10:00"));
  }

  @Test
  void kiritimatiMondayMorningIsOpenWhileItIsStillSundayInUtc() {
    BusinessHours kiritimati = weekdays("Pacific/Kiritimati", "09:00-17:00");

    assertThat(kiritimati.isOpen(Instant.parse("2026-03-08T20:00:00Z"))).isTrue();
    assertThat(kiritimati.isOpen(Instant.parse("2026-03-13T20:00:00Z")))
        .isFalse(); // Saturday there
  }

  @Test
  void isOpenTreatsOpeningAsOpenAndClosingAsClosed() {
    assertThat(berlinOffice.isOpen(at(BERLIN, "2026-03-10T09:00"))).isTrue();
    assertThat(berlinOffice.isOpen(at(BERLIN, "2026-03-10T17:59:59"))).isTrue();
    assertThat(berlinOffice.isOpen(at(BERLIN, "2026-03-10T18:00"))).isFalse();
    assertThat(berlinOffice.isOpen(at(BERLIN, "2026-03-14T10:00"))).isFalse();
  }

  @Test
  void businessTimeBetweenSkipsTheWeekend() {
    assertThat(
            berlinOffice.businessTimeBetween(
                at(BERLIN, "2026-03-13T17:00"), at(BERLIN, "2026-03-16T10:00")))
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void businessTimeBetweenIsZeroWhenTheEndIsNotAfterTheStart() {
    Instant noon = at(BERLIN, "2026-03-10T12:00");

    assertThat(berlinOffice.businessTimeBetween(noon, noon)).isZero();
    assertThat(berlinOffice.businessTimeBetween(noon, noon.minusSeconds(3600))).isZero();
  }

  @Test
  void zeroTargetIsDueAtTheStartEvenOutsideHours() {
    Instant saturday = at(BERLIN, "2026-03-14T10:00");

    assertThat(berlinOffice.addBusinessTime(saturday, Duration.ZERO)).isEqualTo(saturday);
  }

  @Test
  void negativeTargetIsRefused() {
    assertThatThrownBy(() -> berlinOffice.addBusinessTime(Instant.EPOCH, Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
  }

  @Test
  void yearLongTargetIsComputedDayByDayNotMinuteByMinute() {
    Instant start = at(BERLIN, "2026-01-05T09:00");
    long began = System.nanoTime();

    // 259 weekdays from Monday 5 January to Thursday 31 December 2026.
    Instant due = berlinOffice.addBusinessTime(start, Duration.ofHours(9 * 259));

    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
    assertThat(berlinOffice.businessTimeBetween(start, due)).isEqualTo(Duration.ofHours(9 * 259));
    assertThat(due).isEqualTo(at(BERLIN, "2026-12-31T18:00"));
  }

  @Test
  void calendarWithNoOpenWeekdayIsRefusedAtConstruction() {
    assertThatThrownBy(
            () ->
                new BusinessHours(
                    ZoneId.of(BERLIN),
                    Map.of(DayOfWeek.MONDAY, DayHours.CLOSED),
                    Set.of(),
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no open hours on any weekday");
  }

  @Test
  void walkGivesUpWithAClearErrorAfterTenYearsOfHolidays() {
    Set<LocalDate> holidays =
        LocalDate.parse("2026-01-01")
            .datesUntil(LocalDate.parse("2037-01-01"))
            .collect(java.util.stream.Collectors.toSet());
    BusinessHours closed =
        new BusinessHours(
            ZoneId.of(BERLIN),
            TestCalendars.week(TestCalendars.WEEKDAYS, hours("09:00-18:00")),
            holidays,
            Map.of());

    assertThatThrownBy(
            () -> closed.addBusinessTime(at(BERLIN, "2026-01-01T00:00"), Duration.ofHours(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no open hours in the 3660 days");
  }

  @Test
  void alwaysOpenCalendarCountsElapsedTime() {
    BusinessCalendar always = BusinessCalendar.ALWAYS_OPEN;
    Instant start = Instant.parse("2026-03-29T00:30:00Z");

    assertThat(always.addBusinessTime(start, Duration.ofHours(3)))
        .isEqualTo(Instant.parse("2026-03-29T03:30:00Z"));
    assertThat(always.businessTimeBetween(start, start.plusSeconds(90)))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(always.businessTimeBetween(start, start.minusSeconds(90))).isZero();
    assertThat(always.isOpen(start)).isTrue();
  }
}
