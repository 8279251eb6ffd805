package org.socialdesk.host.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.host.storage.Sql;

/**
 * Posts to publish under the brand's name, one row per part. A part is marked {@code publishing}
 * (committed) before the network is called, so a crash in between can never lead to a silent
 * second publication: such a part becomes {@code unknown}, or {@code ready} again only for a
 * network that deduplicates by idempotency key.
 */
final class Outbox {

  private final Sql sql;

  Outbox(Sql sql) {
    this.sql = sql;
  }

  record Part(
      long id, String ticketId, String transactionId, int partNo, int partCount, String network, String agent,
      Visibility visibility, String text, String state, String answeringPostId, int attempts, String remoteId, String remoteUrl,
      String lastError, String claimedBy) {

    /** Stable across retries: the network's idempotency key for this part. */
    String idempotencyKey() {
      return "socialdesk-" + ticketId + "-" + transactionId + "-" + partNo;
    }

    boolean isLast() {
      return partNo == partCount;
    }
  }

  /** One post to publish: a part of a reply, or a follow-up such as a public note after a DM. */
  record Draft(Visibility visibility, String text) {
    static List<Draft> of(ReplyDraft draft) {
      return draft.parts().stream().map(text -> new Draft(draft.visibility(), text)).toList();
    }
  }

  /**
   * Queues the parts of a reply and marks the reply queued, in one transaction. Parts go out in
   * order, each only once the one before it is published.
   */
  void enqueue(AgentReplies.Reply reply, String network, List<Draft> parts, String answeringPostId, Instant now) {
    sql.inTransaction(tx -> {
      for (int i = 0; i < parts.size(); i++) {
        tx.update(
            "insert into outbox (ticket_id, transaction_id, part_no, part_count, network, agent, visibility, text, state,"
                + " answering_post_id, attempts, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'ready', ?, 0, ?, ?)",
            reply.ticketId(), reply.transactionId(), i + 1, parts.size(), network, reply.agent(), parts.get(i).visibility().name(),
            parts.get(i).text(),
            answeringPostId, now, now);
      }
      tx.update("update agent_reply set state = 'queued', reason = null, updated_at = ?, note_for = null where id = ?", now, reply.id());
      return null;
    });
  }

  /** Claims ready parts whose earlier parts are all published, marking them publishing. */
  List<Part> claimReady(Instant now, String instance, int limit) {
    return sql.inTransaction(tx -> {
      List<Part> parts = tx.query(
          "select * from outbox o where o.state = 'ready' and o.next_attempt_at <= ?"
              + " and not exists (select 1 from outbox p where p.ticket_id = o.ticket_id and p.transaction_id = o.transaction_id"
              + " and p.part_no < o.part_no and p.state <> 'published')"
              + " order by o.id limit ? for update skip locked",
          Outbox::map, now, limit);
      for (Part part : parts) {
        tx.update("update outbox set state = 'publishing', claimed_by = ?, claimed_until = ?, attempts = attempts + 1 where id = ?",
            instance, now, part.id());
      }
      return parts;
    });
  }

  List<Part> partsOf(String ticketId, String transactionId) {
    return sql.query("select * from outbox where ticket_id = ? and transaction_id = ? order by part_no", Outbox::map, ticketId, transactionId);
  }

  /** Parts left in {@code publishing} by an instance that died while publishing them. */
  List<Part> abandoned(Instant aliveSince) {
    return sql.query("select * from outbox where state = 'publishing' and " + Instances.UNCLAIMED, Outbox::map, aliveSince);
  }

  /**
   * Takes up a part its dead claimer left mid-publication: ready again where the network
   * deduplicates, otherwise {@code unknown} (with the later parts cancelled). False if another
   * instance took it up first.
   */
  boolean takeUpAbandoned(Part part, boolean retry, Instant now, String reason) {
    return sql.inTransaction(tx -> {
      int taken = retry
          ? tx.update("update outbox set state = 'ready', next_attempt_at = ?, claimed_by = null, last_error = ?"
              + " where id = ? and state = 'publishing' and claimed_by = ?", now, reason, part.id(), part.claimedBy())
          : tx.update("update outbox set state = 'unknown', claimed_by = null, last_error = ? where id = ? and state = 'publishing' and claimed_by = ?",
              reason, part.id(), part.claimedBy());
      if (taken > 0 && !retry) {
        tx.update("update outbox set state = 'cancelled' where ticket_id = ? and transaction_id = ? and part_no > ? and state = 'ready'",
            part.ticketId(), part.transactionId(), part.partNo());
      }
      return taken > 0;
    });
  }

  void published(long id, String remoteId, String url, Instant at) {
    sql.update("update outbox set state = 'published', remote_id = ?, remote_url = ?, published_at = ?, claimed_by = null, last_error = null where id = ?",
        remoteId, url, at, id);
  }

  void retryAt(long id, Instant at, String reason) {
    sql.update("update outbox set state = 'ready', next_attempt_at = ?, claimed_by = null, last_error = ? where id = ?", at, reason, id);
  }

  /** Marks a part, and the later parts of its reply, with a final state. */
  void finish(Part part, String state, String reason) {
    sql.update("update outbox set state = ?, claimed_by = null, last_error = ? where id = ?", state, reason, part.id());
    sql.update("update outbox set state = 'cancelled' where ticket_id = ? and transaction_id = ? and part_no > ? and state = 'ready'",
        part.ticketId(), part.transactionId(), part.partNo());
  }

  private static Part map(ResultSet row) throws SQLException {
    return new Part(row.getLong("id"), row.getString("ticket_id"), row.getString("transaction_id"), row.getInt("part_no"),
        row.getInt("part_count"), row.getString("network"), row.getString("agent"), Visibility.valueOf(row.getString("visibility")),
        row.getString("text"), row.getString("state"), row.getString("answering_post_id"), row.getInt("attempts"),
        row.getString("remote_id"), row.getString("remote_url"), row.getString("last_error"), row.getString("claimed_by"));
  }
}
