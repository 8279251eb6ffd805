package org.socialdesk.host.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

  InboxOrdering(Sql sql) {
    this.sql = sql;
  }

  static String conversationKey(String network, String conversationId) {
    return "conversation:" + network + ":" + conversationId;
  }

  static String postKey(PostKey post) {
    return "post:" + post.network() + ":" + post.postId();
  }

  /** Places the pending events that have no place yet; returns how many. */
  int placeNewEvents() {
    record Unplaced(long id, String type, String payload) {}
    List<Unplaced> rows =
        sql.query(
            "select id, event_type, payload from inbox where state = 'pending' and ordering_key is null order by id limit ?",
            row -> new Unplaced(row.getLong(1), row.getString(2), row.getString(3)),
            BATCH);
    for (Unplaced row : rows) {
      try {
        Place place = placeOf(InboundCodec.decode(row.type(), row.payload()));
        sql.update(
            "update inbox set ordering_key = ?, posted_at = ? where id = ? and ordering_key is null",
            place.key(),
            place.at(),
            row.id());
      } catch (RuntimeException e) {
        if (e instanceof Sql.StorageException) {
          throw e;
        }
        log.atError()
            .addKeyValue("inboxId", row.id())
            .setCause(e)
            .log("A stored event cannot be read; it failed for good");
        sql.update(
            "update inbox set state = 'failed', last_error = ? where id = ?",
            "unreadable payload: " + e.getMessage(),
            row.id());
      }
    }
    return rows.size();
  }

  record Place(String key, Instant at) {}

  Place placeOf(InboundEvent event) {
    return switch (event) {
      case InboundEvent.NewPost newPost ->
          new Place(keyOf(newPost.post()), newPost.post().postedAt());
      case InboundEvent.PostEdited edited -> placeOfChange(edited.key(), edited.editedAt());
      case InboundEvent.PostDeleted deleted -> placeOfChange(deleted.key(), deleted.deletedAt());
    };
  }

  /**
   * A change goes after its post even when the clocks disagree, so it never waits in front of it.
   */
  private Place placeOfChange(PostKey post, Instant at) {
    Optional<String> routed = routedKey(post.network(), post.postId());
    if (routed.isPresent()) {
      return new Place(routed.get(), at);
    }
    record Waiting(String key, SocialPost post) {}
    Optional<Waiting> waiting =
        sql.queryOne(
            "select ordering_key, payload from inbox where network = ? and post_id = ? and event_type = 'post'",
            row ->
                new Waiting(
                    row.getString(1),
                    ((InboundEvent.NewPost) InboundCodec.decode("post", row.getString(2))).post()),
            post.network(),
            post.postId());
    if (waiting.isPresent()) {
      Instant postedAt = waiting.get().post().postedAt();
      String key = waiting.get().key() != null ? waiting.get().key() : keyOf(waiting.get().post());
      return new Place(key, at.isBefore(postedAt) ? postedAt : at);
    }
    return new Place(postKey(post), at);
  }

  /** The key of the ticket a new post will join when the host can tell, else its conversation's. */
  private String keyOf(SocialPost post) {
    String network = post.network();
    return sql.queryOne(
            "select ticket_id from conversation where network = ? and conversation_id = ? and ticket_id is not null",
            row -> row.getString(1),
            network,
            post.conversationId())
        .flatMap(ticket -> ticketKey(network, ticket))
        .or(() -> keyOfAnswered(network, post.inReplyToId()))
        .or(() -> keyOfAnswered(network, post.attributes().get(SocialPost.QUOTED_POST_ID)))
        .orElse(conversationKey(network, post.conversationId()));
  }

  /** The key of the post answered or quoted: its ticket's once routed, its own while it waits. */
  private Optional<String> keyOfAnswered(String network, String postId) {
    if (postId == null) {
      return Optional.empty();
    }
    return routedKey(network, postId)
        .or(
            () ->
                sql.queryOne(
                    "select ordering_key from inbox where network = ? and post_id = ? and event_type = 'post' and ordering_key is not null",
                    row -> row.getString(1),
                    network,
                    postId));
  }

  private Optional<String> routedKey(String network, String postId) {
    return sql.queryOne(
            "select ticket_id from post_ticket where network = ? and post_id = ?",
            row -> row.getString(1),
            network,
            postId)
        .flatMap(ticket -> ticketKey(network, ticket));
  }

  /** A ticket's key: that of the conversation that opened it (the first to hold it). */
  private Optional<String> ticketKey(String network, String ticketId) {
    return sql.queryOne(
        "select conversation_id from conversation where network = ? and ticket_id = ? order by created_at, conversation_id limit 1",
        row -> conversationKey(network, row.getString(1)),
        network,
        ticketId);
  }
}
