package org.socialdesk.sla.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.socialdesk.sla.calendar.BusinessCalendar;

/**
 * One SLA rule: which conversations, in which calendar, with which targets.
 *
 * @param name the rule's name, shown on tickets and in reports
 * @param match the conversations it applies to
 * @param calendarName the calendar's name in configuration
 * @param calendar the business hours its clocks count in
 * @param firstResponse business time allowed for the first answer
 * @param nextResponse business time allowed for each later answer
 * @param resolution business time allowed until the ticket is resolved
 * @param warningAt the fraction of a target after which its clock warns, within (0, 1)
 */
public record SlaPolicy(
    String name,
    SlaMatch match,
    String calendarName,
    BusinessCalendar calendar,
    Duration firstResponse,
    Duration nextResponse,
    Duration resolution,
    double warningAt) {

  /** The name of the rule used when no other matches. */
  public static final String DEFAULT_NAME = "default";

  /** What applies when no rule matches and none is named {@code default}. */
  public static final SlaPolicy BUILT_IN_DEFAULT =
      new SlaPolicy(
          DEFAULT_NAME,
          SlaMatch.ANY,
          SlaPolicies.ALWAYS_OPEN_NAME,
          BusinessCalendar.ALWAYS_OPEN,
          Duration.ofHours(1),
          Duration.ofHours(1),
          Duration.ofDays(1),
          SlaPolicies.DEFAULT_WARNING_AT);

  public SlaPolicy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(calendarName, "calendarName");
    Objects.requireNonNull(calendar, "calendar");
    requirePositive(firstResponse, "firstResponse");
    requirePositive(nextResponse, "nextResponse");
    requirePositive(resolution, "resolution");
    if (!(warningAt > 0 && warningAt < 1)) {
      throw new IllegalArgumentException("warningAt must be within (0, 1), got " + warningAt);
    }
  }

  public Duration target(SlaTarget target) {
    return switch (target) {
      case FIRST_RESPONSE -> firstResponse;
      case NEXT_RESPONSE -> nextResponse;
      case RESOLUTION -> resolution;
    };
  }

  /** The deadline of {@code target} for a wait that began at {@code start}. */
  public Instant due(SlaTarget target, Instant start) {
    return calendar.addBusinessTime(start, target(target));
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
