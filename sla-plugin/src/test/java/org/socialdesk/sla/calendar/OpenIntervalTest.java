package org.socialdesk.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenIntervalTest {

  @Test
  void parsesHoursAndMinutesWithOrWithoutSpaces() {
    assertThat(OpenInterval.parse("09:00-18:30"))
        .isEqualTo(new OpenInterval(LocalTime.of(9, 0), LocalTime.of(18, 30)));
    assertThat(OpenInterval.parse(" 9:00 - 12:00 "))
        .isEqualTo(new OpenInterval(LocalTime.of(9, 0), LocalTime.NOON));
  }

  @Test
  void twentyFourHundredEndsAtMidnight() {
    OpenInterval evening = OpenInterval.parse("18:00-24:00");

    assertThat(evening.end()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(evening).hasToString("18:00-24:00");
    assertThat(OpenInterval.parse("00:00-24:00").overlaps(OpenInterval.parse("12:00-13:00")))
        .isTrue();
  }

  @Test
  void refusesAnHourPastTwentyThree() {
    assertThatThrownBy(() -> OpenInterval.parse("25:00-26:00"))
        .hasMessage(
            "'25:00-26:00': '25:00' is not a time of day; write HH:MM from 00:00 to 23:59 (24:00 only as an end)");
    assertThatThrownBy(() -> OpenInterval.parse("24:00-24:00"))
        .hasMessageContaining("'24:00' is not a time of day");
    assertThatThrownBy(() -> OpenInterval.parse("09:60-10:00"))
        .hasMessageContaining("'09:60' is not a time of day");
  }

  @Test
  void refusesAnOvernightIntervalAndSaysHowToSplitIt() {
    assertThatThrownBy(() -> OpenInterval.parse("18:00-09:00"))
        .hasMessageStartingWith(
            "'18:00-09:00' ends before it starts; split an overnight shift at midnight");
  }

  @Test
  void refusesAnEmptyInterval() {
    assertThatThrownBy(() -> OpenInterval.parse("09:00-09:00"))
        .hasMessageContaining("ends before it starts");
  }

  @Test
  void refusesTextThatIsNotAnInterval() {
    assertThatThrownBy(() -> OpenInterval.parse("9 to 5"))
        .hasMessage("'9 to 5' is not an interval; write HH:MM-HH:MM, e.g. 09:00-18:00");
  }

  @Test
  void dayRefusesOverlappingIntervalsButAcceptsTouchingOnes() {
    assertThatThrownBy(() -> DayHours.parse(List.of("09:00-12:00", "11:00-13:00")))
        .hasMessage("09:00-12:00 overlaps 11:00-13:00");
    assertThat(DayHours.parse(List.of("12:00-13:00", "09:00-12:00")).intervals())
        .extracting(OpenInterval::toString)
        .containsExactly("09:00-12:00", "12:00-13:00");
  }
}
