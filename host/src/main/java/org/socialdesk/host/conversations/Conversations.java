package org.socialdesk.host.conversations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.social.ConversationKey;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.host.storage.Sql;

/**
 * Which ticket holds each conversation and each post. A conversation is claimed (row without a
 * ticket) before its ticket is created, so that two workers, or two instances, never create two
 * tickets for one conversation.
 */
public final class Conversations {

  private final Sql sql;

  public Conversations(Sql sql) {
    this.sql = sql;
  }

  /** A conversation as stored: its ticket once created, and the latest customer post. */
  public record Conversation(
      ConversationKey key,
      String rootPostId,
      String ticketId,
      Enrichment enrichment,
      SocialPost lastPost) {

    public boolean hasTicket() {
      return ticketId != null;
    }
  }

  public Optional<Conversation> find(ConversationKey key) {
    return sql.queryOne(
        "select * from conversation where network = ? and conversation_id = ?",
        Conversations::map,
        key.network(),
        key.conversationId());
  }

  public Optional<Conversation> findByTicket(String ticketId) {
    return sql.queryOne(
        "select * from conversation where ticket_id = ? order by created_at",
        Conversations::map,
        ticketId);
  }

  /** Claims a new conversation for {@code root}; false if it is already known. */
  public boolean claim(SocialPost root, Instant now) {
    try {
      sql.update(
          "insert into conversation (network, conversation_id, root_post_id, last_post, created_at, updated_at) values (?, ?, ?, ?, ?, ?)",
          root.network(),
          root.conversationId(),
          root.key().postId(),
          InboundCodec.encodePost(root),
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
   * Whether a conversation claimed between {@code from} and {@code to} has no ticket recorded yet:
   * its ticket may already be in the helpdesk (it is recorded after it is created, and again after
   * a failure between the two), so activity on a ticket not known here may be on that one.
   */
  public boolean awaitsTicket(Instant from, Instant to) {
    return sql.queryOne(
            "select 1 from conversation where ticket_id is null and created_at >= ? and created_at <= ? fetch first 1 rows only",
            row -> true,
            from,
            to)
        .orElse(false);
  }

  /**
   * Records the conversation's ticket, for a claimed conversation or one joined to another's
   * ticket.
   */
  public void attach(
      Sql.Tx tx, SocialPost post, String ticketId, Enrichment enrichment, Instant now)
      throws SQLException {
    String json = InboundCodec.encodeEnrichment(enrichment);
    int updated =
        tx.update(
            "update conversation set ticket_id = ?, enrichment = ?, updated_at = ? where network = ? and conversation_id = ?",
            ticketId,
            json,
            now,
            post.network(),
            post.conversationId());
    if (updated == 0) {
      tx.update(
          "insert into conversation (network, conversation_id, root_post_id, ticket_id, enrichment, last_post, created_at, updated_at)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?)",
          post.network(),
          post.conversationId(),
          post.key().postId(),
          ticketId,
          json,
          InboundCodec.encodePost(post),
          now,
          now);
    }
  }

  /** The post a reply answers: the latest customer post of the conversation. */
  public void updateLastPost(Sql.Tx tx, SocialPost post, Instant now) throws SQLException {
    tx.update(
        "update conversation set last_post = ?, updated_at = ? where network = ? and conversation_id = ?",
        InboundCodec.encodePost(post),
        now,
        post.network(),
        post.conversationId());
  }

  public Optional<String> ticketOfPost(PostKey post) {
    return sql.queryOne(
        "select ticket_id from post_ticket where network = ? and post_id = ?",
        row -> row.getString(1),
        post.network(),
        post.postId());
  }

  /**
   * Remembers which ticket holds a post (a customer's, or the brand's own published reply). A post
   * recorded before (a retry after a crash) is left as it is; {@code on conflict} rather than a
   * caught duplicate, because PostgreSQL aborts a transaction at its first error.
   */
  public void recordPost(
      Sql.Tx tx,
      PostKey post,
      String conversationId,
      String ticketId,
      boolean ownReply,
      Instant now)
      throws SQLException {
    tx.update(
        "insert into post_ticket (network, post_id, conversation_id, ticket_id, own_reply, recorded_at) values (?, ?, ?, ?, ?, ?)"
            + " on conflict do nothing",
        post.network(),
        post.postId(),
        conversationId,
        ticketId,
        ownReply,
        now);
  }

  /** Whether a post is stored but not yet in a ticket (it is in the inbox, waiting or in work). */
  public boolean isInFlight(PostKey post) {
    return sql.queryOne(
            "select 1 from inbox where network = ? and post_id = ? and event_type = 'post' and state = 'pending'",
            row -> true,
            post.network(),
            post.postId())
        .orElse(false);
  }

  public void markDeleted(Sql.Tx tx, PostKey post, Instant at) throws SQLException {
    tx.update(
        "update post_ticket set deleted_at = ? where network = ? and post_id = ?",
        at,
        post.network(),
        post.postId());
  }

  public boolean isDeleted(PostKey post) {
    return sql.queryOne(
            "select deleted_at from post_ticket where network = ? and post_id = ?",
            row -> row.getTimestamp(1) != null,
            post.network(),
            post.postId())
        .orElse(false);
  }

  private static Conversation map(ResultSet row) throws SQLException {
    String enrichment = row.getString("enrichment");
    return new Conversation(
        new ConversationKey(row.getString("network"), row.getString("conversation_id")),
        row.getString("root_post_id"),
        row.getString("ticket_id"),
        enrichment == null ? Enrichment.NONE : InboundCodec.decodeEnrichment(enrichment),
        InboundCodec.decodePost(row.getString("last_post")));
  }
}
