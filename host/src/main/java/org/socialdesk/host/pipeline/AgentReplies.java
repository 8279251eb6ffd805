package org.socialdesk.host.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.host.storage.Sql;

/**
 * Agents' replies and where each is in the workflow: {@code review} (policies to run), {@code
 * approved} (run again, approved), {@code held}, {@code awaiting-approval}, {@code rejected},
 * {@code queued} (parts in the outbox), then {@code published}, {@code failed} or {@code unknown}.
 *
 * <p>Of the instances sharing a database, one at a time handles a reply: the one that claimed it
 * ({@code claimed_by}, like inbox rows), until it gives it back or its heartbeat stops. Each note a
 * reply's handling writes to its ticket is announced in {@code note_for} before it is written, so
 * that the instance taking over after a crash does not write it a second time.
 */
final class AgentReplies {

  private final Sql sql;

  AgentReplies(Sql sql) {
    this.sql = sql;
  }

  /** @param claimedBy the instance that held the reply before this one claimed it, if any */
  record Reply(long id, String ticketId, String transactionId, String agent, String text, String state, String claimedBy) {
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

  /**
   * Claims up to 50 replies in one of {@code states} that no other live instance holds: claimed by
   * none, by an instance whose heartbeat is older than {@code aliveSince}, or left claimed by this
   * one (giving it back failed).
   */
  List<Reply> claim(String instance, Instant aliveSince, String... states) {
    String placeholders = String.join(", ", Collections.nCopies(states.length, "?"));
    return claimWhere("state in (" + placeholders + ")", instance, aliveSince, (Object[]) states);
  }

  /**
   * Claims, as {@link #claim} does, queued replies whose parts the outbox is done with (none ready
   * or publishing), so that replies still in the outbox are not claimed again and again.
   */
  List<Reply> claimFinished(String instance, Instant aliveSince) {
    return claimWhere("state = 'queued' and not exists (select 1 from outbox o where o.ticket_id = agent_reply.ticket_id"
        + " and o.transaction_id = agent_reply.transaction_id and o.state in ('ready', 'publishing'))", instance, aliveSince);
  }

  private List<Reply> claimWhere(String condition, String instance, Instant aliveSince, Object... conditionParameters) {
    List<Object> parameters = new ArrayList<>(List.of(conditionParameters));
    parameters.add(instance);
    parameters.add(aliveSince);
    return sql.inTransaction(tx -> {
      List<Reply> claimed = tx.query(
          "select * from agent_reply where " + condition + " and (claimed_by = ? or " + Instances.UNCLAIMED + ") order by id limit 50 for update skip locked",
          AgentReplies::map, parameters.toArray());
      for (Reply reply : claimed) {
        tx.update("update agent_reply set claimed_by = ? where id = ?", instance, reply.id());
      }
      return claimed;
    });
  }

  /** Gives a reply back for any instance to claim (it waits for the outbox, or its handling failed). */
  void release(long id, String instance) {
    sql.update("update agent_reply set claimed_by = null where id = ? and claimed_by = ?", id, instance);
  }

  /**
   * Announces that the note for {@code outcome} is about to be written; false if a note was already
   * announced in the reply's current state, by an instance that may have written it before it died.
   * A new state clears the announcement.
   */
  boolean startNote(long id, String outcome) {
    return sql.update("update agent_reply set note_for = ? where id = ? and note_for is null", outcome, id) > 0;
  }

  /** The note announced was not written (the helpdesk refused it): the next attempt writes it. */
  void forgetNote(long id) {
    sql.update("update agent_reply set note_for = null where id = ?", id);
  }


  int approve(String ticketId, String supervisor, Instant now) {
    return sql.update(
        "update agent_reply set state = 'approved', reason = ?, updated_at = ?, note_for = null where ticket_id = ? and state = 'awaiting-approval'",
        "approved by " + supervisor, now, ticketId);
  }

  int reject(String ticketId, String supervisor, Instant now) {
    return sql.update(
        "update agent_reply set state = 'rejected', reason = ?, updated_at = ?, note_for = null where ticket_id = ? and state = 'awaiting-approval'",
        "rejected by " + supervisor, now, ticketId);
  }

  void setState(long id, String state, String reason, Instant now) {
    sql.update("update agent_reply set state = ?, reason = ?, updated_at = ?, note_for = null where id = ?", state, reason, now, id);
  }

  private static Reply map(ResultSet row) throws SQLException {
    return new Reply(row.getLong("id"), row.getString("ticket_id"), row.getString("transaction_id"), row.getString("agent"),
        row.getString("text"), row.getString("state"), row.getString("claimed_by"));
  }
}
