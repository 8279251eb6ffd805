package org.socialdesk.sla;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.socialdesk.sla.calendar.BusinessHours;
import org.socialdesk.sla.calendar.DayHours;

/** Calendars and a slow, obviously correct oracle for tests. */
public final class TestCalendars {

  public static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
  public static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

  private TestCalendars() {}

  public static BusinessHours weekdays(String zone, String... intervals) {
    return BusinessHours.weekly(ZoneId.of(zone), hours(intervals), WEEKDAYS);
  }

  public static BusinessHours everyDay(String zone, String... intervals) {
    return BusinessHours.weekly(ZoneId.of(zone), hours(intervals), EVERY_DAY);
  }

  public static DayHours hours(String... intervals) {
    return DayHours.parse(List.of(intervals));
  }

  public static Map<DayOfWeek, DayHours> week(Set<DayOfWeek> days, DayHours hours) {
    Map<DayOfWeek, DayHours> week = new EnumMap<>(DayOfWeek.class);
    days.forEach(day -> week.put(day, hours));
    return week;
  }

  /**
   * The instant the wall clock in {@code zone} reads {@code local}; earlier offset in an overlap.
   */
  public static Instant at(String zone, String local) {
    return ZonedDateTime.of(LocalDateTime.parse(local), ZoneId.of(zone)).toInstant();
  }

  /** The definition itself: the wall-clock reading falls within that date's hours. */
  public static boolean naiveIsOpen(BusinessHours calendar, Instant at) {
    LocalDateTime local = LocalDateTime.ofInstant(at, calendar.zone());
    return calendar.hoursOn(local.toLocalDate()).intervals().stream()
        .anyMatch(
            i ->
                !local.isBefore(i.startOn(local.toLocalDate()))
                    && local.isBefore(i.endOn(local.toLocalDate())));
  }

  /** Open minutes in {@code [from, to)}, one minute at a time; both minute-aligned. */
  public static long naiveOpenMinutes(BusinessHours calendar, Instant from, Instant to) {
    long minutes = 0;
    for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
      if (naiveIsOpen(calendar, t)) {
        minutes++;
      }
    }
    return minutes;
  }
}
