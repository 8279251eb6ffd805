package org.socialdesk.channel.x;

/**
 * A reply may or may not have been published: the request left, but no answer came (a read timeout,
 * a connection lost after sending). X has no idempotency key, so trying again could post twice;
 * thrown, it makes the host record the outcome as unknown for an agent to check.
 */
final class XOutcomeUnknownException extends RuntimeException {

  XOutcomeUnknownException(String message) {
    super(message);
  }

  XOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
