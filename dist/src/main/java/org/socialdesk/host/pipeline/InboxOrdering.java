package org.socialdesk.host.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.host.storage.Sql;

/**
 * Gives each stored event its place: an ordering key (events with one key are routed one after
 * another, in order) and the instant that orders it. A new post's key is its conversation; an
 * edit's or delete's is its post's conversation when the host knows it (routed, or waiting in the
 * inbox), else the post itself. The inbox writer leaves both empty; the worker fills them in from
 * the payload before it claims anything, so rows stored by any version of the writer are ordered.
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
    List<Unplaced> rows = sql.query(
        "select id, event_type, payload from inbox where state = 'pending' and ordering_key is null order by id limit ?",
        row -> new Unplaced(row.getLong(1), row.getString(2), row.getString(3)), BATCH);
    for (Unplaced row : rows) {
      try {
        Place place = placeOf(InboundCodec.decode(row.type(), row.payload()));
        sql.update("update inbox set ordering_key = ?, posted_at = ? where id = ? and ordering_key is null", place.key(), place.at(), row.id());
      } catch (RuntimeException e) {
        if (e instanceof Sql.StorageException) {
          throw e;
        }
        log.atError().addKeyValue("inboxId", row.id()).setCause(e).log("A stored event cannot be read; it failed for good");
        sql.update("update inbox set state = 'failed', last_error = ? where id = ?", "unreadable payload: " + e.getMessage(), row.id());
      }
    }
    return rows.size();
  }

  record Place(String key, Instant at) {}

  Place placeOf(InboundEvent event) {
    return switch (event) {
      case InboundEvent.NewPost newPost -> new Place(conversationKey(newPost.post().network(), newPost.post().conversationId()),
          newPost.post().postedAt());
      case InboundEvent.PostEdited edited -> placeOfChange(edited.key(), edited.editedAt());
      case InboundEvent.PostDeleted deleted -> placeOfChange(deleted.key(), deleted.deletedAt());
    };
  }

  /** A change goes after its post even when the clocks disagree, so it never waits in front of it. */
  private Place placeOfChange(PostKey post, Instant at) {
    Optional<String> routed = sql.queryOne(
        "select conversation_id from post_ticket where network = ? and post_id = ?", row -> row.getString(1), post.network(), post.postId());
    if (routed.isPresent()) {
      return new Place(conversationKey(post.network(), routed.get()), at);
    }
    Optional<SocialPost> waiting = sql.queryOne(
        "select payload from inbox where network = ? and post_id = ? and event_type = 'post'",
        row -> ((InboundEvent.NewPost) InboundCodec.decode("post", row.getString(1))).post(), post.network(), post.postId());
    if (waiting.isPresent()) {
      Instant postedAt = waiting.get().postedAt();
      return new Place(conversationKey(post.network(), waiting.get().conversationId()), at.isBefore(postedAt) ? postedAt : at);
    }
    return new Place(postKey(post), at);
  }
}
