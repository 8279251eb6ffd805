package org.socialdesk.channel.telegram;

/**
 * A reply may or may not have been sent: the request left but no usable answer came (a read
 * timeout, a connection lost after sending, a 5xx from Telegram or a proxy before it). Telegram
 * does not deduplicate, so trying again could send twice; thrown, it makes the host record the
 * outcome as unknown for an agent to check in the chat.
 */
final class TelegramOutcomeUnknownException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  TelegramOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
