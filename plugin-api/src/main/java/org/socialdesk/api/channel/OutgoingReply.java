package org.socialdesk.api.channel;

import java.util.Objects;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.Visibility;

/**
 * One post to publish under the brand's name, already checked by the reply policies.
 *
 * @param idempotencyKey stable for this post across retries, so a network that supports it
 *     (Mastodon's Idempotency-Key) never publishes it twice
 * @param inReplyTo the post answered: the customer's, or the previous part of a split reply
 * @param conversationId the thread or DM conversation on the network
 * @param recipient the customer, for private messages
 * @param visibility public reply in the thread, or private message
 * @param text the final text, within the network's limit
 */
public record OutgoingReply(
    String idempotencyKey,
    PostKey inReplyTo,
    String conversationId,
    Author recipient,
    Visibility visibility,
    String text) {

  public OutgoingReply {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(inReplyTo, "inReplyTo");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(text, "text");
  }
}
