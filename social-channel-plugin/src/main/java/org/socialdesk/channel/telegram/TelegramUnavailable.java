package org.socialdesk.channel.telegram;

/**
 * The Bot API could not be reached or refused a call the channel needs before it can go on (such as
 * {@code getMe}); nothing was taken in, so nothing may be confirmed to Telegram.
 */
final class TelegramUnavailable extends Exception {

  private static final long serialVersionUID = 1L;

  TelegramUnavailable(String message, Throwable cause) {
    super(message, cause);
  }

  /** The same, through a {@link java.util.function.Supplier}. */
  static final class Unchecked extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Unchecked(TelegramUnavailable cause) {
      super(cause.getMessage(), cause);
    }

    @Override
    public synchronized TelegramUnavailable getCause() {
      return (TelegramUnavailable) super.getCause();
    }
  }
}
