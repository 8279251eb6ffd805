package org.socialdesk.channel.meta;

import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * The private replies to comments, in {@code meta_private_reply}: Meta allows one per comment, so a
 * reply is claimed here before the call and the claim is never given back when the outcome is
 * unknown (a second private reply would be refused by Meta at best, sent twice at worst). Once
 * sent, the row names the customer and the message, so that the customer's answer in Messenger or
 * Instagram Direct joins the comment's ticket.
 */
final class MetaPrivateReplies {

  private final ChannelJdbc jdbc;
  private final Clock clock;

  MetaPrivateReplies(DataSource dataSource, Clock clock) {
    this.jdbc = new ChannelJdbc(dataSource);
    this.clock = clock;
  }

  /** Claims the one private reply of {@code commentId}; false when it was claimed before. */
  boolean claim(MetaNetwork network, String commentId) {
    return jdbc.insertIfAbsent(
        "claim the private reply to " + commentId,
        "insert into meta_private_reply (network, comment_id, state, claimed_at) values (?, ?, 'sending', ?)",
        network.id(),
        commentId,
        clock.instant());
  }

  /** Gives a claim back: Meta certainly did not send it (refused, throttled, not reached). */
  void release(MetaNetwork network, String commentId) {
    jdbc.update(
        "release the private reply to " + commentId,
        "delete from meta_private_reply where network = ? and comment_id = ? and state = 'sending'",
        network.id(),
        commentId);
  }

  void sent(MetaNetwork network, String commentId, String recipientId, String messageKey) {
    jdbc.update(
        "record the private reply to " + commentId,
        "update meta_private_reply set state = 'sent', recipient_id = ?, message_key = ? where network = ? and comment_id = ?",
        recipientId,
        messageKey,
        network.id(),
        commentId);
  }

  /** Whether a private reply to {@code commentId} was sent or is being sent. */
  boolean wasClaimed(MetaNetwork network, String commentId) {
    return jdbc.queryOne(
            "find the private reply to " + commentId,
            "select state from meta_private_reply where network = ? and comment_id = ?",
            row -> row.getString(1),
            network.id(),
            commentId)
        .isPresent();
  }

  /** The key of the latest private reply sent to {@code recipientId}. */
  Optional<String> latestTo(MetaNetwork network, String recipientId) {
    return jdbc.queryOne(
        "find the private reply to " + recipientId,
        "select message_key from meta_private_reply where network = ? and recipient_id = ? and state = 'sent' order by claimed_at desc",
        row -> row.getString(1),
        network.id(),
        recipientId);
  }
}
