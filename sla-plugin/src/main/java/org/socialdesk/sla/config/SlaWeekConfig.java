package org.socialdesk.sla.config;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opening hours per weekday, each a list of {@code HH:MM-HH:MM} intervals; a day left out or given
 * {@code []} is closed.
 *
 * @param mon Monday, e.g. {@code ["09:00-12:00", "13:00-18:00"]}
 * @param tue Tuesday
 * @param wed Wednesday
 * @param thu Thursday
 * @param fri Friday
 * @param sat Saturday
 * @param sun Sunday
 */
public record SlaWeekConfig(
    List<String> mon,
    List<String> tue,
    List<String> wed,
    List<String> thu,
    List<String> fri,
    List<String> sat,
    List<String> sun) {

  public SlaWeekConfig {
    mon = SlaConfigValues.list(mon);
    tue = SlaConfigValues.list(tue);
    wed = SlaConfigValues.list(wed);
    thu = SlaConfigValues.list(thu);
    fri = SlaConfigValues.list(fri);
    sat = SlaConfigValues.list(sat);
    sun = SlaConfigValues.list(sun);
  }

  /** The intervals by weekday, Monday first. */
  Map<DayOfWeek, List<String>> byDay() {
    Map<DayOfWeek, List<String>> days = new EnumMap<>(DayOfWeek.class);
    days.put(DayOfWeek.MONDAY, mon);
    days.put(DayOfWeek.TUESDAY, tue);
    days.put(DayOfWeek.WEDNESDAY, wed);
    days.put(DayOfWeek.THURSDAY, thu);
    days.put(DayOfWeek.FRIDAY, fri);
    days.put(DayOfWeek.SATURDAY, sat);
    days.put(DayOfWeek.SUNDAY, sun);
    return days;
  }

  /** The configuration key of {@code day}, e.g. {@code mon}. */
  static String key(DayOfWeek day) {
    return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
  }
}
