package org.socialdesk.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.socialdesk.api.helpdesk.TicketRef;

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
 */
record SlaClockRow(
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
    Integer initialPriority) {

  static final String COLUMNS =
      "id, helpdesk, ticket_id, target, policy, started_at, due_at, warning_at, state, ended_at, ending, initial_priority";

  static SlaClockRow read(ResultSet rows) throws SQLException {
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
        SlaJdbc.integer(rows, "initial_priority"));
  }

  /** The clock in the core's terms, counting in the calendar of its policy. */
  SlaClock toClock(SlaPolicies policies) {
    SlaClock.Ending how = ending == null ? null
        : ending.equals(ANSWERED) ? SlaClock.Ending.ANSWERED : SlaClock.Ending.WITHDRAWN;
    return new SlaClock(ticket, target, policy, startedAt, dueAt, warningAt,
        policies.named(policy).calendar(), endedAt, how);
  }

  static final String ANSWERED = "answered";
  static final String WITHDRAWN = "withdrawn";

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
