package org.socialdesk.sla.calendar;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wall-clock opening hours within one day, start inclusive, end exclusive. An {@code end} of {@link
 * LocalTime#MIDNIGHT} means the end of the day (written {@code 24:00}); otherwise the end comes
 * after the start. Overnight shifts are split at midnight over two days.
 */
public record OpenInterval(LocalTime start, LocalTime end) {

  private static final Pattern TEXT = Pattern.compile("\\s*(\\S+?)\\s*-\\s*(\\S+?)\\s*");
  private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");

  public OpenInterval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
      throw new IllegalArgumentException(
          "'"
              + format(start, false)
              + "-"
              + format(end, true)
              + "' ends before it starts; split an"
              + " overnight shift at midnight, e.g. 18:00-24:00 on one day and 00:00-09:00 on the next");
    }
  }

  /** Parses {@code HH:MM-HH:MM}, e.g. {@code 09:00-18:00}; {@code 24:00} ends at midnight. */
  public static OpenInterval parse(String text) {
    Matcher matcher = TEXT.matcher(Objects.requireNonNull(text, "text"));
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an interval; write HH:MM-HH:MM, e.g. 09:00-18:00");
    }
    try {
      return new OpenInterval(time(matcher.group(1), false), time(matcher.group(2), true));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
    }
  }

  private static LocalTime time(String text, boolean isEnd) {
    Matcher matcher = TIME.matcher(text);
    if (matcher.matches()) {
      int hour = Integer.parseInt(matcher.group(1));
      int minute = Integer.parseInt(matcher.group(2));
      if (isEnd && hour == 24 && minute == 0) {
        return LocalTime.MIDNIGHT;
      }
      if (hour < 24 && minute < 60) {
        return LocalTime.of(hour, minute);
      }
    }
    throw new DateTimeException(
        "'"
            + text
            + "' is not a time of day; write HH:MM from 00:00 to 23:59 (24:00 only as an end)");
  }

  /** The wall-clock start on {@code date}. */
  public LocalDateTime startOn(LocalDate date) {
    return date.atTime(start);
  }

  /**
   * The wall-clock end on {@code date}: the next day's midnight for an interval ending at 24:00.
   */
  public LocalDateTime endOn(LocalDate date) {
    return end.equals(LocalTime.MIDNIGHT) ? date.plusDays(1).atStartOfDay() : date.atTime(end);
  }

  boolean overlaps(OpenInterval other) {
    LocalDate any = LocalDate.EPOCH;
    return startOn(any).isBefore(other.endOn(any)) && other.startOn(any).isBefore(endOn(any));
  }

  @Override
  public String toString() {
    return format(start, false) + "-" + format(end, true);
  }

  private static String format(LocalTime time, boolean isEnd) {
    return isEnd && time.equals(LocalTime.MIDNIGHT) ? "24:00" : time.toString();
  }
}
