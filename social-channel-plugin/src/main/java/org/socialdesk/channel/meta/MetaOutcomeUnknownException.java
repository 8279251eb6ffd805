package org.socialdesk.channel.meta;

/**
 * A reply may or may not have been published: the request left, but no readable answer came. Graph
 * has no idempotency key, so trying again could post twice; thrown, it makes the host record the
 * outcome as unknown for an agent to check (as the X channel does).
 */
final class MetaOutcomeUnknownException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MetaOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
