package org.socialdesk.host.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.host.storage.Sql;

/**
 * Agents' replies and where each is in the workflow: {@code review} (policies to run), {@code
 * approved} (run again, approved), {@code held}, {@code awaiting-approval}, {@code rejected},
 * {@code queued} (parts in the outbox), then {@code published}, {@code failed} or {@code unknown}.
 */
final class AgentReplies {

  private final Sql sql;

  AgentReplies(Sql sql) {
    this.sql = sql;
  }

  record Reply(long id, String ticketId, String transactionId, String agent, String text, String state) {
    boolean approved() {
      return state.equals("approved");
    }
  }

  /** Records a reply once; false if this transaction was already recorded. */
  boolean add(TicketActivity.Replied reply, Instant now) {
    try {
      sql.update(
          "insert into agent_reply (ticket_id, transaction_id, agent, text, state, received_at, updated_at) values (?, ?, ?, ?, 'review', ?, ?)",
          reply.ticket().id(), reply.transactionId(), reply.agent(), reply.text(), now, now);
      return true;
    } catch (Sql.StorageException e) {
      if (e.isUniqueViolation()) {
        return false;
      }
      throw e;
    }
  }

  List<Reply> inState(String... states) {
    String placeholders = String.join(", ", java.util.Collections.nCopies(states.length, "?"));
    return sql.query("select * from agent_reply where state in (" + placeholders + ") order by id limit 50", AgentReplies::map, (Object[]) states);
  }

  int approve(String ticketId, String supervisor, Instant now) {
    return sql.update(
        "update agent_reply set state = 'approved', reason = ?, updated_at = ? where ticket_id = ? and state = 'awaiting-approval'",
        "approved by " + supervisor, now, ticketId);
  }

  int reject(String ticketId, String supervisor, Instant now) {
    return sql.update(
        "update agent_reply set state = 'rejected', reason = ?, updated_at = ? where ticket_id = ? and state = 'awaiting-approval'",
        "rejected by " + supervisor, now, ticketId);
  }

  void setState(long id, String state, String reason, Instant now) {
    sql.update("update agent_reply set state = ?, reason = ?, updated_at = ? where id = ?", state, reason, now, id);
  }

  private static Reply map(ResultSet row) throws SQLException {
    return new Reply(row.getLong("id"), row.getString("ticket_id"), row.getString("transaction_id"), row.getString("agent"),
        row.getString("text"), row.getString("state"));
  }
}
