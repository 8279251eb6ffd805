package org.socialdesk.host.replies;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.host.cluster.Instances;
import org.socialdesk.host.storage.Sql;

/**
 * Agents' replies and where each is in the workflow ({@link ReplyState}): {@code review} (policies
 * to run), {@code approved} (run again, approved), {@code held}, {@code awaiting-approval}, {@code
 * rejected}, {@code queued} (parts in the outbox), {@code outbox-done} (the outbox finished its
 * last part), then {@code published}, {@code failed} or {@code unknown}.
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

  /**
   * @param claimedBy the instance that held the reply before this one claimed it, if any
   */
  record Reply(
      long id,
      String ticketId,
      String transactionId,
      String agent,
      String text,
      ReplyState state,
      String claimedBy) {
    boolean approved() {
      return state == ReplyState.APPROVED;
    }
  }

  /** Records a reply once; false if this transaction was already recorded. */
  boolean add(TicketActivity.Replied reply, Instant now) {
    try {
      sql.update(
          "insert into agent_reply (ticket_id, transaction_id, agent, text, state, received_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
          reply.ticket().id(),
          reply.transactionId(),
          reply.agent(),
          reply.text(),
          ReplyState.REVIEW.stored,
          now,
          now);
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
  List<Reply> claim(String instance, Instant aliveSince, Set<ReplyState> states) {
    List<Object> parameters = new ArrayList<>(states.stream().map(state -> state.stored).toList());
    parameters.add(instance);
    parameters.add(aliveSince);
    String placeholders = String.join(", ", Collections.nCopies(states.size(), "?"));
    return sql.inTransaction(
        tx -> {
          List<Reply> claimed =
              tx.query(
                  "select * from agent_reply where state in ("
                      + placeholders
                      + ") and (claimed_by = ? or "
                      + Instances.UNCLAIMED
                      + ")"
                      + " order by id limit 50 for update skip locked",
                  AgentReplies::map,
                  parameters.toArray());
          for (Reply reply : claimed) {
            tx.update("update agent_reply set claimed_by = ? where id = ?", instance, reply.id());
          }
          return claimed;
        });
  }

  /**
   * Gives a reply back for any instance to claim (it waits for the outbox, or its handling failed).
   */
  void release(long id, String instance) {
    sql.update(
        "update agent_reply set claimed_by = null where id = ? and claimed_by = ?", id, instance);
  }

  /**
   * Announces that the note for {@code outcome} is about to be written; false if a note was already
   * announced in the reply's current state, by an instance that may have written it before it died.
   * A new state clears the announcement.
   */
  boolean startNote(long id, ReplyState outcome) {
    return sql.update(
            "update agent_reply set note_for = ? where id = ? and note_for is null",
            outcome.stored,
            id)
        > 0;
  }

  /** The note announced was not written (the helpdesk refused it): the next attempt writes it. */
  void forgetNote(long id) {
    sql.update("update agent_reply set note_for = null where id = ?", id);
  }

  int approve(String ticketId, String supervisor, Instant now) {
    return decide(ticketId, ReplyState.APPROVED, "approved by " + supervisor, now);
  }

  int reject(String ticketId, String supervisor, Instant now) {
    return decide(ticketId, ReplyState.REJECTED, "rejected by " + supervisor, now);
  }

  private int decide(String ticketId, ReplyState decision, String reason, Instant now) {
    return sql.update(
        "update agent_reply set state = ?, reason = ?, updated_at = ?, note_for = null where ticket_id = ? and state = ?",
        decision.stored,
        reason,
        now,
        ticketId,
        ReplyState.AWAITING_APPROVAL.stored);
  }

  void setState(long id, ReplyState state, String reason, Instant now) {
    sql.update(
        "update agent_reply set state = ?, reason = ?, updated_at = ?, note_for = null where id = ?",
        state.stored,
        reason,
        now,
        id);
  }

  /** Marks the reply queued, in the transaction that puts its parts in the outbox. */
  void queued(Sql.Tx tx, long id, Instant now) throws SQLException {
    tx.update(
        "update agent_reply set state = ?, reason = null, updated_at = ?, note_for = null where id = ?",
        ReplyState.QUEUED.stored,
        now,
        id);
  }

  /**
   * Hands a queued reply back to the workflow, in the transaction that makes its last part final:
   * committed together, so a crash right after it leaves a reply that any instance's workflow
   * claims and reports, exactly once.
   */
  void outboxDone(Sql.Tx tx, String ticketId, String transactionId, Instant now)
      throws SQLException {
    tx.update(
        "update agent_reply set state = ?, updated_at = ?, note_for = null where ticket_id = ? and transaction_id = ? and state = ?",
        ReplyState.OUTBOX_DONE.stored,
        now,
        ticketId,
        transactionId,
        ReplyState.QUEUED.stored);
  }

  private static Reply map(ResultSet row) throws SQLException {
    return new Reply(
        row.getLong("id"),
        row.getString("ticket_id"),
        row.getString("transaction_id"),
        row.getString("agent"),
        row.getString("text"),
        ReplyState.ofStored(row.getString("state")),
        row.getString("claimed_by"));
  }
}
