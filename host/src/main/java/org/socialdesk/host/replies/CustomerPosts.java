package org.socialdesk.host.replies;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.host.conversations.Conversations;
import org.socialdesk.host.conversations.InboundCodec;
import org.socialdesk.host.storage.Sql;

/**
 * The customer's posts already in their tickets, as the inbox stored them: what an agent's reply
 * answers. The conversation's {@code last_post} is the post routed last, which is not always the
 * one posted last (a network delivers late, a post waits out a helpdesk outage); a reply answers
 * the one posted last.
 */
final class CustomerPosts {

  private final Sql sql;

  CustomerPosts(Sql sql) {
    this.sql = sql;
  }

  private record Stored(long id, SocialPost post) {}

  /**
   * The latest customer post of {@code conversation} in its ticket: posted last, and of two posted
   * at the same instant, stored last; the conversation's {@code last_post} if the inbox has none.
   */
  SocialPost latestOf(Conversations.Conversation conversation) {
    return sql
        .query(
            "select id, payload from inbox where network = ? and event_type = 'post' and state = 'done' and ticket_id = ?",
            row -> new Stored(row.getLong(1), post(row.getString(2))),
            conversation.key().network(),
            conversation.ticketId())
        .stream()
        .filter(
            stored -> stored.post().conversationId().equals(conversation.key().conversationId()))
        .max(
            Comparator.comparing((Stored stored) -> stored.post().postedAt())
                .thenComparingLong(Stored::id))
        .map(Stored::post)
        .orElse(conversation.lastPost());
  }

  /** The customer's post {@code key} as stored, if the inbox has it. */
  Optional<SocialPost> find(PostKey key) {
    List<SocialPost> found =
        sql.query(
            "select payload from inbox where network = ? and post_id = ? and event_type = 'post'",
            row -> post(row.getString(1)),
            key.network(),
            key.postId());
    return found.stream().findFirst();
  }

  private static SocialPost post(String payload) {
    return ((InboundEvent.NewPost) InboundCodec.decode("post", payload)).post();
  }
}
