package org.socialdesk.sla.clock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.sla.policy.SlaTarget;

/**
 * One stored clock, as the tick and the event handlers read it.
 *
 * @param id the row's id
 * @param ticket the ticket it belongs to
 * @param target what it waits for
 * @param policy the name of the policy that set it
 * @param startedAt when the customer posted
 * @param dueAt its deadline
 * @param warningAt when it warns
 * @param state {@code running}, {@code warned}, {@code breached}, {@code met} or {@code cancelled}
 * @param endedAt when it ended, or null while it runs
 * @param ending {@code answered} or {@code withdrawn}, or null while it runs
 * @param initialPriority the ticket's priority when created, or null if not known
 * @param tookSeconds business seconds it took when answered, else null
 * @param dimensions what the report groups it by
 */
public record SlaClockRow(
    long id,
    TicketRef ticket,
    SlaTarget target,
    String policy,
    Instant startedAt,
    Instant dueAt,
    Instant warningAt,
    String state,
    Instant endedAt,
    String ending,
    Integer initialPriority,
    Long tookSeconds,
    SlaRollup.Dimensions dimensions) {

  public static final String COLUMNS =
      "id, helpdesk, ticket_id, target, policy, started_at, due_at, warning_at, state,"
          + " ended_at, ending, initial_priority, took_seconds, "
          + SlaRollup.Dimensions.COLUMNS;

  public static SlaClockRow read(ResultSet rows) throws SQLException {
    Instant dueAt = SlaJdbc.instant(rows, "due_at");
    Instant warningAt = SlaJdbc.instant(rows, "warning_at");
    return new SlaClockRow(
        rows.getLong("id"),
        new TicketRef(rows.getString("helpdesk"), rows.getString("ticket_id")),
        SlaTarget.fromWireName(rows.getString("target")),
        rows.getString("policy"),
        SlaJdbc.instant(rows, "started_at"),
        dueAt,
        warningAt != null ? warningAt : dueAt,
        rows.getString("state"),
        SlaJdbc.instant(rows, "ended_at"),
        rows.getString("ending"),
        SlaJdbc.integer(rows, "initial_priority"),
        took(rows),
        SlaRollup.Dimensions.read(rows));
  }

  private static Long took(ResultSet rows) throws SQLException {
    long value = rows.getLong("took_seconds");
    return rows.wasNull() ? null : value;
  }

  /** What this row adds to the report as stored. */
  SlaRollup.Counted counted() {
    return SlaRollup.Counted.of(target.wireName(), state, ending, tookSeconds, dimensions);
  }

  /** What it adds once answered at a state, by an agent, after some business seconds. */
  SlaRollup.Counted countedAnswered(String newState, String agent, long took) {
    return SlaRollup.Counted.of(
        target.wireName(), newState, ANSWERED, took, dimensions.answeredBy(agent));
  }

  /** What it adds once in another state, with its ending (null while it runs). */
  SlaRollup.Counted countedAs(String newState, String newEnding) {
    return SlaRollup.Counted.of(target.wireName(), newState, newEnding, tookSeconds, dimensions);
  }

  /** The clock in the core's terms, counting in the calendar of its policy. */
  public SlaClock toClock(SlaPolicies policies) {
    SlaClock.Ending how =
        ending == null
            ? null
            : ending.equals(ANSWERED) ? SlaClock.Ending.ANSWERED : SlaClock.Ending.WITHDRAWN;
    return new SlaClock(
        ticket,
        target,
        policy,
        startedAt,
        dueAt,
        warningAt,
        policies.named(policy).calendar(),
        endedAt,
        how);
  }

  /** The stored {@code ending} of a clock a reply ended (public for bench/, which seeds rows). */
  public static final String ANSWERED = "answered";

  /** The stored {@code ending} of a clock withdrawn without a reply. */
  public static final String WITHDRAWN = "withdrawn";

  /** The stored name of a state. */
  static String stateName(SlaState state) {
    return switch (state) {
      case SlaState.Running running -> "running";
      case SlaState.Warned warned -> "warned";
      case SlaState.Breached breached -> "breached";
      case SlaState.Met met -> "met";
      case SlaState.Cancelled cancelled -> "cancelled";
    };
  }
}
