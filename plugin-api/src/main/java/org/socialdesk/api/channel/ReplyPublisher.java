package org.socialdesk.api.channel;

/**
 * Sends one reply to the network. Called from the host's outbox, at most once per reply unless it
 * answered {@link PublishOutcome.RetryLater}; it must not retry on its own after an answer it
 * cannot interpret, since that is how posts get published twice.
 */
public interface ReplyPublisher {

  PublishOutcome publish(OutgoingReply reply);
}
