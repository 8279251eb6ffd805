package org.socialdesk.channel.line;

/**
 * A reply-token request got no answer after it was sent: LINE may have delivered it, and the reply
 * API takes no retry key, so the host reports the outcome as unknown for an agent to check rather
 * than risk sending it twice.
 */
final class LineOutcomeUnknownException extends RuntimeException {
  LineOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
