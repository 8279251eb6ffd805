package org.socialdesk.host.replies;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.host.cluster.Instances;
import org.socialdesk.host.conversations.InboundCodec;
import org.socialdesk.host.storage.Sql;

/**
 * Posts to publish under the brand's name, one row per part ({@link PartState}). A part is marked
 * {@code publishing} (committed) before the network is called, so a crash in between can never lead
 * to a silent second publication: such a part becomes {@code unknown}, or {@code ready} again only
 * for a network that deduplicates by idempotency key.
 *
 * <p>Each row carries the customer's post it answers, as the workflow found it, so the publisher
 * looks nothing up again. The transaction that makes a reply's last part final also hands the reply
 * back to the workflow ({@link AgentReplies#outboxDone}).
 */
final class Outbox {

  private final Sql sql;
  private final AgentReplies replies;

  Outbox(Sql sql, AgentReplies replies) {
    this.sql = sql;
    this.replies = replies;
  }

  /**
   * @param answering the customer's post the reply answers; null only in rows queued by a version
   *     that did not store it and not yet filled in ({@link #fillInAnsweringPosts})
   */
  record Part(
      long id,
      String ticketId,
      String transactionId,
      int partNo,
      int partCount,
      String network,
      String agent,
      Visibility visibility,
      String text,
      PartState state,
      String answeringPostId,
      SocialPost answering,
      int attempts,
      String remoteId,
      String remoteUrl,
      String lastError,
      String claimedBy) {

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

  /** Work done in the transaction that records a part's outcome. */
  @FunctionalInterface
  interface AlongWith {
    AlongWith NOTHING = tx -> {};

    void write(Sql.Tx tx) throws SQLException;
  }

  /**
   * Queues the parts of a reply to {@code answering} and marks the reply queued, in one
   * transaction. Parts go out in order, each only once the one before it is published.
   */
  void enqueue(AgentReplies.Reply reply, SocialPost answering, List<Draft> parts, Instant now) {
    String answeringJson = InboundCodec.encodePost(answering);
    sql.inTransaction(
        tx -> {
          for (int i = 0; i < parts.size(); i++) {
            tx.update(
                "insert into outbox (ticket_id, transaction_id, part_no, part_count, network, agent, visibility, text, state,"
                    + " answering_post_id, answering_post, attempts, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                reply.ticketId(),
                reply.transactionId(),
                i + 1,
                parts.size(),
                answering.network(),
                reply.agent(),
                parts.get(i).visibility().name(),
                parts.get(i).text(),
                PartState.READY.stored,
                answering.key().postId(),
                answeringJson,
                now,
                now);
          }
          replies.queued(tx, reply.id(), now);
          return null;
        });
  }

  /** Claims ready parts whose earlier parts are all published, marking them publishing. */
  List<Part> claimReady(Instant now, String instance, int limit) {
    return sql.inTransaction(
        tx -> {
          List<Part> parts =
              tx.query(
                  "select * from outbox o where o.state = ? and o.next_attempt_at <= ?"
                      + " and not exists (select 1 from outbox p where p.ticket_id = o.ticket_id and p.transaction_id = o.transaction_id"
                      + " and p.part_no < o.part_no and p.state <> ?)"
                      + " order by o.id limit ? for update skip locked",
                  Outbox::map,
                  PartState.READY.stored,
                  now,
                  PartState.PUBLISHED.stored,
                  limit);
          for (Part part : parts) {
            tx.update(
                "update outbox set state = ?, claimed_by = ?, claimed_until = ?, attempts = attempts + 1 where id = ?",
                PartState.PUBLISHING.stored,
                instance,
                now,
                part.id());
          }
          return parts;
        });
  }

  List<Part> partsOf(String ticketId, String transactionId) {
    return sql.query(
        "select * from outbox where ticket_id = ? and transaction_id = ? order by part_no",
        Outbox::map,
        ticketId,
        transactionId);
  }

  /** Parts left in {@code publishing} by an instance that died while publishing them. */
  List<Part> abandoned(Instant aliveSince) {
    return sql.query(
        "select * from outbox where state = ? and " + Instances.UNCLAIMED,
        Outbox::map,
        PartState.PUBLISHING.stored,
        aliveSince);
  }

  /**
   * Takes up a part its dead claimer left mid-publication: ready again where the network
   * deduplicates, otherwise {@code unknown} (with the later parts cancelled, and the reply handed
   * back to the workflow). False if another instance took it up first.
   */
  boolean takeUpAbandoned(Part part, boolean retry, Instant now, String reason) {
    return sql.inTransaction(
        tx -> {
          if (retry) {
            return tx.update(
                    "update outbox set state = ?, next_attempt_at = ?, claimed_by = null, last_error = ?"
                        + " where id = ? and state = ? and claimed_by = ?",
                    PartState.READY.stored,
                    now,
                    reason,
                    part.id(),
                    PartState.PUBLISHING.stored,
                    part.claimedBy())
                > 0;
          }
          int taken =
              tx.update(
                  "update outbox set state = ?, claimed_by = null, last_error = ? where id = ? and state = ? and claimed_by = ?",
                  PartState.UNKNOWN.stored,
                  reason,
                  part.id(),
                  PartState.PUBLISHING.stored,
                  part.claimedBy());
          if (taken > 0) {
            endReply(tx, part, now);
          }
          return taken > 0;
        });
  }

  /**
   * Records a part as published, with {@code alongWith} in the same transaction; the last part
   * hands the reply back to the workflow.
   */
  void published(
      Part part, String remoteId, String url, Instant at, Instant now, AlongWith alongWith) {
    sql.inTransaction(
        tx -> {
          tx.update(
              "update outbox set state = ?, remote_id = ?, remote_url = ?, published_at = ?, claimed_by = null, last_error = null where id = ?",
              PartState.PUBLISHED.stored,
              remoteId,
              url,
              at,
              part.id());
          alongWith.write(tx);
          if (part.isLast()) {
            replies.outboxDone(tx, part.ticketId(), part.transactionId(), now);
          }
          return null;
        });
  }

  void retryAt(long id, Instant at, String reason) {
    sql.update(
        "update outbox set state = ?, next_attempt_at = ?, claimed_by = null, last_error = ? where id = ?",
        PartState.READY.stored,
        at,
        reason,
        id);
  }

  /**
   * Marks a part with a final state other than published, cancels the later parts of its reply and
   * hands the reply back to the workflow, in one transaction.
   */
  void finish(Part part, PartState state, String reason, Instant now) {
    sql.inTransaction(
        tx -> {
          tx.update(
              "update outbox set state = ?, claimed_by = null, last_error = ? where id = ?",
              state.stored,
              reason,
              part.id());
          endReply(tx, part, now);
          return null;
        });
  }

  /** The later parts will never go out; the reply is the workflow's to report. */
  private void endReply(Sql.Tx tx, Part part, Instant now) throws SQLException {
    tx.update(
        "update outbox set state = ? where ticket_id = ? and transaction_id = ? and part_no > ? and state = ?",
        PartState.CANCELLED.stored,
        part.ticketId(),
        part.transactionId(),
        part.partNo(),
        PartState.READY.stored);
    replies.outboxDone(tx, part.ticketId(), part.transactionId(), now);
  }

  /**
   * Rows queued by a version that did not store the post they answer, still to publish: each gets
   * the post {@code find} gives for it (none if it has none: the publisher then fails the part).
   */
  void fillInAnsweringPosts(Function<Part, Optional<SocialPost>> find) {
    List<Part> missing =
        sql.query(
            "select * from outbox where answering_post is null and state in (?, ?)",
            Outbox::map,
            PartState.READY.stored,
            PartState.PUBLISHING.stored);
    for (Part part : missing) {
      find.apply(part)
          .ifPresent(
              post ->
                  sql.update(
                      "update outbox set answering_post = ? where id = ? and answering_post is null",
                      InboundCodec.encodePost(post),
                      part.id()));
    }
  }

  private static Part map(ResultSet row) throws SQLException {
    String answering = row.getString("answering_post");
    return new Part(
        row.getLong("id"),
        row.getString("ticket_id"),
        row.getString("transaction_id"),
        row.getInt("part_no"),
        row.getInt("part_count"),
        row.getString("network"),
        row.getString("agent"),
        Visibility.valueOf(row.getString("visibility")),
        row.getString("text"),
        PartState.ofStored(row.getString("state")),
        row.getString("answering_post_id"),
        answering == null ? null : InboundCodec.decodePost(answering),
        row.getInt("attempts"),
        row.getString("remote_id"),
        row.getString("remote_url"),
        row.getString("last_error"),
        row.getString("claimed_by"));
  }
}
