package org.socialdesk.host.inbox;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.host.conversations.InboundCodec;
import org.socialdesk.host.storage.Sql;

/**
 * Gives each stored event its place: an ordering key (events with one key are routed one after
 * another, in order) and the instant that orders it. Events that will write to one ticket share a
 * key, so no two workers ever update a ticket's SocialPostId at once: a new post's key is that of
 * the ticket it will join when the host can tell (its conversation's ticket, or the ticket of the
 * post it answers or quotes: a ticket's key is that of the conversation that opened it), else its
 * own conversation; an edit's or delete's is its post's key when the host knows the post (routed,
 * or waiting in the inbox), else the post itself. The inbox writer leaves both empty; the worker
 * fills them in from the payload before it claims anything, so rows stored by any version of the
 * writer are ordered.
 */
final class InboxOrdering {

  private static final Logger log = LoggerFactory.getLogger(InboxOrdering.class);
  private static final int BATCH = 500;

  private final Sql sql;
  private final ReentrantLock placing = new ReentrantLock();

  InboxOrdering(Sql sql) {
    this.sql = sql;
  }

  static String conversationKey(String network, String conversationId) {
    return "conversation:" + network + ":" + conversationId;
  }

  static String postKey(PostKey post) {
    return "post:" + post.network() + ":" + post.postId();
  }

  /**
   * Places the pending events that have no place yet; returns how many. One placement runs at a
   * time in this instance (the loop and every routing worker call this before they claim), and it
   * writes its whole batch in one transaction: a burst of posts costs one commit, not one per post
   * and per racing worker. Its reads run in that transaction, so an event placed earlier in the
   * batch (a post that a later one answers) is seen with its key.
   */
  int placeNewEvents() {
    placing.lock();
    try {
      return sql.inTransaction(this::placeNewEvents);
    } finally {
      placing.unlock();
    }
  }

  private int placeNewEvents(Sql.Tx tx) throws SQLException {
    record Unplaced(long id, String type, String payload) {}
    List<Unplaced> rows =
        tx.query(
            "select id, event_type, payload from inbox where state = 'pending' and ordering_key is null order by id limit ?",
            row -> new Unplaced(row.getLong(1), row.getString(2), row.getString(3)),
            BATCH);
    Reads reads = new Reads(tx);
    for (Unplaced row : rows) {
      Place place;
      try {
        place = placeOf(reads, InboundCodec.decode(row.type(), row.payload()));
      } catch (RuntimeException e) {
        if (e instanceof Sql.StorageException) {
          throw e;
        }
        log.atError()
            .addKeyValue("inboxId", row.id())
            .setCause(e)
            .log("A stored event cannot be read; it failed for good");
        tx.update(
            "update inbox set state = 'failed', last_error = ? where id = ?",
            "unreadable payload: " + e.getMessage(),
            row.id());
        continue;
      }
      tx.update(
          "update inbox set ordering_key = ?, posted_at = ? where id = ? and ordering_key is null",
          place.key(),
          place.at(),
          row.id());
    }
    return rows.size();
  }

  /** Single-row reads inside the placement's transaction, failing as the host's storage does. */
  private record Reads(Sql.Tx tx) {
    <T> Optional<T> one(String sql, Sql.RowMapper<T> mapper, Object... parameters) {
      try {
        return tx.query(sql, mapper, parameters).stream().findFirst();
      } catch (SQLException e) {
        throw new Sql.StorageException(e);
      }
    }
  }

  record Place(String key, Instant at) {}

  Place placeOf(Reads reads, InboundEvent event) {
    return switch (event) {
      case InboundEvent.NewPost newPost ->
          new Place(keyOf(reads, newPost.post()), newPost.post().postedAt());
      case InboundEvent.PostEdited edited -> placeOfChange(reads, edited.key(), edited.editedAt());
      case InboundEvent.PostDeleted deleted ->
          placeOfChange(reads, deleted.key(), deleted.deletedAt());
    };
  }

  /**
   * A change goes after its post even when the clocks disagree, so it never waits in front of it.
   */
  private Place placeOfChange(Reads reads, PostKey post, Instant at) {
    Optional<String> routed = routedKey(reads, post.network(), post.postId());
    if (routed.isPresent()) {
      return new Place(routed.get(), at);
    }
    record Waiting(String key, SocialPost post) {}
    Optional<Waiting> waiting =
        reads.one(
            "select ordering_key, payload from inbox where network = ? and post_id = ? and event_type = 'post'",
            row ->
                new Waiting(
                    row.getString(1),
                    ((InboundEvent.NewPost) InboundCodec.decode("post", row.getString(2))).post()),
            post.network(),
            post.postId());
    if (waiting.isPresent()) {
      Instant postedAt = waiting.get().post().postedAt();
      String key =
          waiting.get().key() != null ? waiting.get().key() : keyOf(reads, waiting.get().post());
      return new Place(key, at.isBefore(postedAt) ? postedAt : at);
    }
    return new Place(postKey(post), at);
  }

  /** The key of the ticket a new post will join when the host can tell, else its conversation's. */
  private String keyOf(Reads reads, SocialPost post) {
    String network = post.network();
    return reads
        .one(
            "select ticket_id from conversation where network = ? and conversation_id = ? and ticket_id is not null",
            row -> row.getString(1),
            network,
            post.conversationId())
        .flatMap(ticket -> ticketKey(reads, network, ticket))
        .or(() -> keyOfAnswered(reads, network, post.inReplyToId()))
        .or(() -> keyOfAnswered(reads, network, post.attributes().get(SocialPost.QUOTED_POST_ID)))
        .orElse(conversationKey(network, post.conversationId()));
  }

  /** The key of the post answered or quoted: its ticket's once routed, its own while it waits. */
  private Optional<String> keyOfAnswered(Reads reads, String network, String postId) {
    if (postId == null) {
      return Optional.empty();
    }
    return routedKey(reads, network, postId)
        .or(
            () ->
                reads.one(
                    "select ordering_key from inbox where network = ? and post_id = ? and event_type = 'post' and ordering_key is not null",
                    row -> row.getString(1),
                    network,
                    postId));
  }

  private Optional<String> routedKey(Reads reads, String network, String postId) {
    return reads
        .one(
            "select ticket_id from post_ticket where network = ? and post_id = ?",
            row -> row.getString(1),
            network,
            postId)
        .flatMap(ticket -> ticketKey(reads, network, ticket));
  }

  /** A ticket's key: that of the conversation that opened it (the first to hold it). */
  private static Optional<String> ticketKey(Reads reads, String network, String ticketId) {
    return reads.one(
        "select conversation_id from conversation where network = ? and ticket_id = ? order by created_at, conversation_id limit 1",
        row -> conversationKey(network, row.getString(1)),
        network,
        ticketId);
  }
}
