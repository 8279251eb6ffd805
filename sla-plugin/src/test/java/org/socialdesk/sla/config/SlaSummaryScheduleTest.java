package org.socialdesk.sla.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SlaSummaryScheduleTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final SlaSummarySchedule DAILY =
      new SlaSummarySchedule.Daily(LocalTime.of(8, 0), BERLIN);
  private static final SlaSummarySchedule WEEKLY =
      new SlaSummarySchedule.Weekly(DayOfWeek.MONDAY, LocalTime.of(8, 0), BERLIN);

  @Test
  void dailyAtEightBerlinCoversTheBerlinDayBeforeFromEightOn() {
    // 2026-03-10 08:00 in Berlin (CET, UTC+1) is 07:00 UTC.
    var before = DAILY.latest(Instant.parse("2026-03-10T06:59:59Z"));
    var at = DAILY.latest(Instant.parse("2026-03-10T07:00:00Z"));

    assertThat(before.label()).isEqualTo("2026-03-08");
    assertThat(at)
        .isEqualTo(
            new SlaSummarySchedule.Period(
                "daily",
                "2026-03-09",
                Instant.parse("2026-03-08T23:00:00Z"),
                Instant.parse("2026-03-09T23:00:00Z"),
                Instant.parse("2026-03-10T07:00:00Z")));
  }

  @Test
  void dailyPeriodOfTheSpringForwardDayLastsTwentyThreeHours() {
    var period = DAILY.latest(Instant.parse("2026-03-30T12:00:00Z"));

    assertThat(period.label()).isEqualTo("2026-03-29");
    assertThat(Duration.between(period.from(), period.to())).isEqualTo(Duration.ofHours(23));
    assertThat(period.sendAt()).isEqualTo(Instant.parse("2026-03-30T06:00:00Z")); // 08:00 CEST
  }

  @Test
  void dailyDayIsTheConfiguredZonesDayNotUtcs() {
    var bangkok = new SlaSummarySchedule.Daily(LocalTime.of(8, 0), ZoneId.of("Asia/Bangkok"));

    // 2026-03-10T01:30Z is 08:30 in Bangkok (UTC+7) but still 01:30 on the 10th in UTC.
    var period = bangkok.latest(Instant.parse("2026-03-10T01:30:00Z"));

    assertThat(period.label()).isEqualTo("2026-03-09");
    assertThat(period.from()).isEqualTo(Instant.parse("2026-03-08T17:00:00Z"));
  }

  @Test
  void weeklyOnMondayMorningCoversTheWeekJustEnded() {
    var sunday = WEEKLY.latest(Instant.parse("2026-03-16T06:59:00Z"));
    var monday = WEEKLY.latest(Instant.parse("2026-03-16T07:00:00Z"));

    assertThat(sunday.label()).isEqualTo("2026-W10");
    assertThat(monday)
        .isEqualTo(
            new SlaSummarySchedule.Period(
                "weekly",
                "2026-W11",
                Instant.parse("2026-03-08T23:00:00Z"),
                Instant.parse("2026-03-15T23:00:00Z"),
                Instant.parse("2026-03-16T07:00:00Z")));
  }

  @Test
  void weeklyOnFridayCoversThePreviousFullWeekNotTheCurrentOne() {
    var friday = new SlaSummarySchedule.Weekly(DayOfWeek.FRIDAY, LocalTime.of(17, 0), BERLIN);

    var period = friday.latest(Instant.parse("2026-03-13T16:00:00Z")); // Friday 17:00 CET

    assertThat(period.label()).isEqualTo("2026-W10");
    assertThat(period.from()).isEqualTo(Instant.parse("2026-03-01T23:00:00Z"));
    assertThat(period.to()).isEqualTo(Instant.parse("2026-03-08T23:00:00Z"));
  }

  @Test
  void weeklyAcrossNewYearUsesTheIsoWeekYear() {
    var period = WEEKLY.latest(Instant.parse("2027-01-04T09:00:00Z")); // Monday of 2027-W01

    assertThat(period.label()).isEqualTo("2026-W53");
  }
}
