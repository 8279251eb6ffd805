package org.socialdesk.sla.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * When a summary is sent and which period it covers, in the configured time zone (never the
 * server's). Daily: at {@code at} each day, the previous calendar day. Weekly: on {@code day} at
 * {@code at}, the previous full ISO week (Monday to Sunday). Periods are wall-clock days, so across
 * a DST change a day lasts 23 or 25 hours.
 */
public sealed interface SlaSummarySchedule {

  /**
   * The kind stored with each sent period and used in the webhook's type, {@code daily} or {@code
   * weekly}.
   */
  String kind();

  ZoneId zone();

  /** The most recent period whose send time is at or before {@code now}. */
  Period latest(Instant now);

  /**
   * One period to summarise.
   *
   * @param kind {@code daily} or {@code weekly}
   * @param label {@code 2026-03-09} or {@code 2026-W11}: unique per kind, the period's key
   * @param from its first instant (local midnight)
   * @param to the instant after it (the next local midnight)
   * @param sendAt when it is due to be sent
   */
  record Period(String kind, String label, Instant from, Instant to, Instant sendAt) {}

  /** Every day at {@code at}, the day before. */
  record Daily(LocalTime at, ZoneId zone) implements SlaSummarySchedule {
    public Daily {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(zone, "zone");
    }

    @Override
    public String kind() {
      return "daily";
    }

    @Override
    public Period latest(Instant now) {
      LocalDate sendDay = now.atZone(zone).toLocalDate();
      if (sendTime(sendDay).isAfter(now)) {
        sendDay = sendDay.minusDays(1);
      }
      LocalDate day = sendDay.minusDays(1);
      return new Period(
          kind(), day.toString(), midnight(day), midnight(sendDay), sendTime(sendDay));
    }

    private Instant sendTime(LocalDate day) {
      return ZonedDateTime.of(day, at, zone).toInstant(); // a time in a DST gap moves forward
    }

    private Instant midnight(LocalDate day) {
      return day.atStartOfDay(zone).toInstant();
    }
  }

  /** Every week on {@code day} at {@code at}, the previous Monday-to-Sunday week. */
  record Weekly(DayOfWeek day, LocalTime at, ZoneId zone) implements SlaSummarySchedule {
    public Weekly {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(zone, "zone");
    }

    @Override
    public String kind() {
      return "weekly";
    }

    @Override
    public Period latest(Instant now) {
      LocalDate sendDay =
          now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(day));
      if (sendTime(sendDay).isAfter(now)) {
        sendDay = sendDay.minusWeeks(1);
      }
      LocalDate thisMonday = sendDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      LocalDate monday = thisMonday.minusWeeks(1);
      String label =
          String.format(
              Locale.ROOT,
              "%d-W%02d",
              monday.get(IsoFields.WEEK_BASED_YEAR),
              monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      return new Period(
          kind(),
          label,
          monday.atStartOfDay(zone).toInstant(),
          thisMonday.atStartOfDay(zone).toInstant(),
          sendTime(sendDay));
    }

    private Instant sendTime(LocalDate date) {
      return ZonedDateTime.of(date, at, zone).toInstant();
    }
  }
}
