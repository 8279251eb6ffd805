package org.socialdesk.sla.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.socialdesk.sla.calendar.BusinessHours;
import org.socialdesk.sla.calendar.DayHours;
import org.socialdesk.sla.calendar.OpenInterval;

/**
 * Turns one {@code business-hours} calendar's configuration into {@link BusinessHours}, adding
 * problems.
 */
final class SlaCalendarCompiler {

  private final String where;
  private final List<String> problems;

  SlaCalendarCompiler(String where, List<String> problems) {
    this.where = where;
    this.problems = problems;
  }

  /** The calendar, or null when its configuration has problems (then added to the list). */
  BusinessHours compile(SlaCalendarConfig config) {
    int before = problems.size();
    ZoneId zone = zone(config.zone());
    Map<DayOfWeek, DayHours> week = new EnumMap<>(DayOfWeek.class);
    if (config.hours() == null) {
      problems.add(where + ": needs hours, e.g. hours: {mon: [\"09:00-18:00\"]}");
    } else {
      config
          .hours()
          .byDay()
          .forEach(
              (day, texts) -> {
                DayHours hours = day(where + ".hours." + SlaWeekConfig.key(day), texts);
                if (hours != null) {
                  week.put(day, hours);
                }
              });
      if (problems.size() == before && week.values().stream().allMatch(DayHours::isClosed)) {
        problems.add(where + ": hours has no open time on any day, so no deadline would ever come");
      }
    }
    Set<LocalDate> holidays =
        new HashSet<>(
            SlaPolicyCompiler.parseEach(
                config.holidays(), SlaCalendarCompiler::date, where + ".holidays", problems));
    Map<LocalDate, DayHours> overrides = new LinkedHashMap<>();
    config
        .overrides()
        .forEach(
            (text, intervals) -> {
              String key = where + ".overrides." + text;
              try {
                LocalDate date = date(text);
                DayHours hours = day(key, intervals == null ? List.of() : intervals);
                if (hours != null) {
                  overrides.put(date, hours);
                }
              } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
              }
            });
    if (problems.size() != before) {
      return null;
    }
    return new BusinessHours(zone, week, holidays, overrides);
  }

  private ZoneId zone(String text) {
    if (text == null || text.isBlank()) {
      problems.add(
          where
              + ": needs a zone, e.g. zone: Asia/Bangkok (the server's own zone is never assumed)");
      return null;
    }
    try {
      return ZoneId.of(text.trim());
    } catch (DateTimeException e) {
      problems.add(
          where
              + ": zone '"
              + text
              + "' is not a time zone; write an IANA name such as Europe/Berlin");
      return null;
    }
  }

  private DayHours day(String key, List<String> texts) {
    int before = problems.size();
    List<OpenInterval> intervals =
        SlaPolicyCompiler.parseEach(texts, OpenInterval::parse, key, problems);
    if (problems.size() != before) {
      return null;
    }
    try {
      return new DayHours(intervals);
    } catch (IllegalArgumentException e) {
      problems.add(key + ": " + e.getMessage());
      return null;
    }
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a date; write YYYY-MM-DD, e.g. 2026-12-31");
    }
  }
}
