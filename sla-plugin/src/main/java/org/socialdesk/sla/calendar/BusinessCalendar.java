package org.socialdesk.sla.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When SLA time runs: always, or in weekly business hours. Deadlines count only open time, so a
 * one-hour target set on Friday evening falls due on Monday morning in an office calendar.
 */
public sealed interface BusinessCalendar permits BusinessCalendar.AlwaysOpen, BusinessHours {

  /** The calendar that never closes. */
  BusinessCalendar ALWAYS_OPEN = new AlwaysOpen();

  /**
   * The instant at which {@code target} of open time has passed since {@code start}. A start
   * outside open hours counts from the next opening; a zero target returns {@code start}.
   */
  Instant addBusinessTime(Instant start, Duration target);

  /** Open time within {@code [from, to)}; zero when {@code to} is not after {@code from}. */
  Duration businessTimeBetween(Instant from, Instant to);

  /** Whether SLA time runs at {@code at}. */
  boolean isOpen(Instant at);

  static Duration requireTarget(Duration target) {
    Objects.requireNonNull(target, "target");
    if (target.isNegative()) {
      throw new IllegalArgumentException("target must not be negative, got " + target);
    }
    return target;
  }

  /** Open 24 hours a day, 7 days a week: business time is elapsed time. */
  record AlwaysOpen() implements BusinessCalendar {

    @Override
    public Instant addBusinessTime(Instant start, Duration target) {
      return Objects.requireNonNull(start, "start").plus(requireTarget(target));
    }

    @Override
    public Duration businessTimeBetween(Instant from, Instant to) {
      Duration between =
          Duration.between(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"));
      return between.isNegative() ? Duration.ZERO : between;
    }

    @Override
    public boolean isOpen(Instant at) {
      Objects.requireNonNull(at, "at");
      return true;
    }

    @Override
    public String toString() {
      return "24x7";
    }
  }
}
