package org.socialdesk.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.sla.calendar.BusinessCalendar;
import org.socialdesk.sla.policy.SlaPolicy;
import org.socialdesk.sla.policy.SlaTarget;

/**
 * One SLA target of one ticket: when the customer's wait began, when it falls due, when to warn,
 * and, once ended, how. A value: {@link #answered} and {@link #withdrawn} return ended copies.
 *
 * @param ticket the ticket the clock belongs to
 * @param target what the clock waits for
 * @param policy the name of the policy that set the target
 * @param startedAt when the customer posted (not when Socialdesk read the post)
 * @param dueAt the deadline, in business time from {@code startedAt}
 * @param warningAt when to warn that the deadline is near; not after {@code dueAt}
 * @param calendar the business hours the clock counts in
 * @param endedAt when the clock ended, or null while it runs
 * @param ending how it ended, or null while it runs
 */
public record SlaClock(
    TicketRef ticket,
    SlaTarget target,
    String policy,
    Instant startedAt,
    Instant dueAt,
    Instant warningAt,
    BusinessCalendar calendar,
    Instant endedAt,
    Ending ending) {

  /** How a clock ended. */
  enum Ending {
    /** The brand answered (or, for resolution, resolved the ticket). */
    ANSWERED,
    /** The customer deleted what the clock waited for. */
    WITHDRAWN
  }

  public SlaClock {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(warningAt, "warningAt");
    Objects.requireNonNull(calendar, "calendar");
    if (dueAt.isBefore(startedAt) || warningAt.isBefore(startedAt) || warningAt.isAfter(dueAt)) {
      throw new IllegalArgumentException(
          "need startedAt <= warningAt <= dueAt, got "
              + startedAt
              + ", "
              + warningAt
              + ", "
              + dueAt);
    }
    if ((endedAt == null) != (ending == null)) {
      throw new IllegalArgumentException(
          "endedAt and ending are set together, got " + endedAt + " and " + ending);
    }
  }

  /** Starts {@code target} of {@code policy} for a wait that began at {@code startedAt}. */
  public static SlaClock start(
      TicketRef ticket, SlaTarget target, SlaPolicy policy, Instant startedAt) {
    BusinessCalendar calendar = policy.calendar();
    Duration limit = policy.target(target);
    Instant due = calendar.addBusinessTime(startedAt, limit);
    Instant warning = calendar.addBusinessTime(startedAt, fraction(limit, policy.warningAt()));
    return new SlaClock(
        ticket, target, policy.name(), startedAt, due, warning, calendar, null, null);
  }

  /** {@code limit} times {@code fraction}, to the millisecond. */
  static Duration fraction(Duration limit, double fraction) {
    return Duration.ofMillis(Math.round(limit.toMillis() * fraction));
  }

  boolean isRunning() {
    return ending == null;
  }

  /** This clock ended by an answer at {@code at}; an ended clock stays as it is. */
  SlaClock answered(Instant at) {
    return end(at, Ending.ANSWERED);
  }

  /**
   * This clock ended because the customer deleted what it waited for; see {@link SlaPostChanges}.
   */
  SlaClock withdrawn(Instant at) {
    return end(at, Ending.WITHDRAWN);
  }

  private SlaClock end(Instant at, Ending how) {
    Objects.requireNonNull(at, "at");
    if (!isRunning()) {
      return this;
    }
    return new SlaClock(ticket, target, policy, startedAt, dueAt, warningAt, calendar, at, how);
  }

  /** Business time the customer has waited by {@code now}, or in all once the clock ended. */
  Duration elapsed(Instant now) {
    return calendar.businessTimeBetween(startedAt, isRunning() ? now : endedAt);
  }

  /** The clock's state at {@code now}; an ended clock's state no longer depends on {@code now}. */
  public SlaState stateAt(Instant now) {
    Objects.requireNonNull(now, "now");
    Instant until = isRunning() ? now : endedAt;
    Duration elapsed = calendar.businessTimeBetween(startedAt, until);
    // An answer exactly at the deadline is in time; a running clock is breached at its deadline.
    boolean late = isRunning() ? !until.isBefore(dueAt) : until.isAfter(dueAt);
    if (late) {
      return new SlaState.Breached(elapsed, calendar.businessTimeBetween(dueAt, until), endedAt);
    }
    if (ending == Ending.ANSWERED) {
      return new SlaState.Met(endedAt, elapsed);
    }
    if (ending == Ending.WITHDRAWN) {
      return new SlaState.Cancelled(endedAt);
    }
    Duration remaining = calendar.businessTimeBetween(until, dueAt);
    return until.isBefore(warningAt)
        ? new SlaState.Running(elapsed, remaining)
        : new SlaState.Warned(elapsed, remaining);
  }
}
