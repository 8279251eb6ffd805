package org.socialdesk.channel.youtube;

/**
 * A reply may or may not have been published: the request left, but no usable answer came (a read
 * timeout, a connection lost after sending). YouTube has no idempotency key, so trying again could
 * post twice; thrown, it makes the host record the outcome as unknown for an agent to check.
 */
final class YouTubeOutcomeUnknownException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  YouTubeOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
