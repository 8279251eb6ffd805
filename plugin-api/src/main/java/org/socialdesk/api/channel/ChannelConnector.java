package org.socialdesk.api.channel;

import java.util.Optional;

/**
 * One network a plugin connects. Inbound posts are pushed to {@link Ingest} by the channel's own
 * pollers or webhook servlets, started in the plugin's start; this interface is what the host needs
 * to send replies.
 */
public interface ChannelConnector {

  /** The network name used in {@link org.socialdesk.api.social.PostKey}, e.g. {@code x}. */
  String network();

  /** The length rules replies must fit. */
  TextLimit textLimit();

  /** The publisher, or empty for a network Socialdesk only reads. */
  Optional<ReplyPublisher> publisher();

  /**
   * Whether publishing the same {@link OutgoingReply#idempotencyKey()} twice publishes it once
   * (Mastodon's Idempotency-Key). Only then does the host retry a publication that was cut off by a
   * crash; otherwise it reports it as unknown rather than risk a double post.
   */
  default boolean publishesIdempotently() {
    return false;
  }
}
