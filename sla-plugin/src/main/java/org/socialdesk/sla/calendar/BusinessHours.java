package org.socialdesk.sla.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Weekly opening hours in a time zone, with holidays (closed all day) and per-date overrides (other
 * hours that day, e.g. a half day on 24 December).
 *
 * <p>An instant is open when its wall-clock reading in {@code zone} falls in that date's hours. So
 * an interval 01:00-03:00 lasts one real hour on a spring-forward night in Europe/Berlin and three
 * on a fall-back night: exactly the wall-clock time that really exists. The walk steps from one
 * open span to the next, a day at a time at most, never minute by minute.
 *
 * @param zone the zone whose wall clock the hours are read on
 * @param week hours per weekday; a missing weekday is closed; at least one must be open
 * @param holidays dates closed all day
 * @param overrides dates with other hours than their weekday's; these win over {@code holidays}
 */
public record BusinessHours(
    ZoneId zone,
    Map<DayOfWeek, DayHours> week,
    Set<LocalDate> holidays,
    Map<LocalDate, DayHours> overrides)
    implements BusinessCalendar {

  /** Closed days in a row after which the walk gives up: ten years. */
  static final int MAX_CLOSED_DAYS = 3660;

  public BusinessHours {
    Objects.requireNonNull(zone, "zone");
    week = Map.copyOf(new EnumMap<>(Objects.requireNonNull(week, "week")));
    holidays = Set.copyOf(Objects.requireNonNull(holidays, "holidays"));
    overrides = Map.copyOf(Objects.requireNonNull(overrides, "overrides"));
    if (week.values().stream().allMatch(DayHours::isClosed)) {
      throw new IllegalArgumentException(
          "has no open hours on any weekday, so no deadline would ever come");
    }
  }

  /** The same hours every day of {@code days}, no holidays. */
  public static BusinessHours weekly(ZoneId zone, DayHours hours, Set<DayOfWeek> days) {
    Map<DayOfWeek, DayHours> week = new EnumMap<>(DayOfWeek.class);
    days.forEach(day -> week.put(day, hours));
    return new BusinessHours(zone, week, Set.of(), Map.of());
  }

  /** The hours on {@code date}: its override, else closed on a holiday, else its weekday's. */
  public DayHours hoursOn(LocalDate date) {
    DayHours override = overrides.get(date);
    if (override != null) {
      return override;
    }
    return holidays.contains(date)
        ? DayHours.CLOSED
        : week.getOrDefault(date.getDayOfWeek(), DayHours.CLOSED);
  }

  @Override
  public Instant addBusinessTime(Instant start, Duration target) {
    Objects.requireNonNull(start, "start");
    Duration remaining = BusinessCalendar.requireTarget(target);
    if (remaining.isZero()) {
      return start;
    }
    Instant cursor = start;
    while (true) {
      Span span = nextOpenSpan(cursor);
      Duration length = span.length();
      if (remaining.compareTo(length) <= 0) {
        return span.start().plus(remaining);
      }
      remaining = remaining.minus(length);
      cursor = span.end();
    }
  }

  @Override
  public Duration businessTimeBetween(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Duration total = Duration.ZERO;
    Instant cursor = from;
    while (cursor.isBefore(to)) {
      Span span = nextOpenSpan(cursor);
      if (!span.start().isBefore(to)) {
        break;
      }
      Instant end = span.end().isBefore(to) ? span.end() : to;
      total = total.plus(Duration.between(span.start(), end));
      cursor = span.end();
    }
    return total;
  }

  @Override
  public boolean isOpen(Instant at) {
    return nextOpenSpan(Objects.requireNonNull(at, "at")).start().equals(at);
  }

  /**
   * The first open span that ends after {@code at}, starting no earlier than {@code at}. Walks the
   * stretches of constant UTC offset between the zone's transitions; within one, wall-clock time is
   * instant time shifted by the offset, so each date's hours map to instants directly.
   */
  private Span nextOpenSpan(Instant at) {
    ZoneRules rules = zone.getRules();
    Instant cursor = at;
    int days = 0;
    while (true) {
      ZoneOffset offset = rules.getOffset(cursor);
      ZoneOffsetTransition transition = rules.nextTransition(cursor);
      Instant stretchEnd = transition == null ? null : transition.getInstant();
      LocalDate date = LocalDateTime.ofInstant(cursor, offset).toLocalDate();
      while (true) {
        for (OpenInterval interval : hoursOn(date).intervals()) {
          Instant start = max(interval.startOn(date).toInstant(offset), cursor);
          Instant end = interval.endOn(date).toInstant(offset);
          if (stretchEnd != null && stretchEnd.isBefore(end)) {
            end = stretchEnd;
          }
          if (start.isBefore(end)) {
            return new Span(start, end);
          }
        }
        if (++days > MAX_CLOSED_DAYS) {
          throw new IllegalStateException(
              "no open hours in the "
                  + MAX_CLOSED_DAYS
                  + " days after "
                  + at
                  + " in calendar "
                  + this);
        }
        date = date.plusDays(1);
        if (stretchEnd != null && !date.atStartOfDay().toInstant(offset).isBefore(stretchEnd)) {
          break;
        }
      }
      cursor = stretchEnd;
    }
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** An open stretch of instants, start inclusive, end exclusive, never empty. */
  private record Span(Instant start, Instant end) {
    Duration length() {
      return Duration.between(start, end);
    }
  }
}
