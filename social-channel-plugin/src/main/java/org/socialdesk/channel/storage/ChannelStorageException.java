package org.socialdesk.channel.storage;

import java.sql.SQLException;

/**
 * A channel's own table could not be read or written; the message says what the statement was for,
 * the cause is the driver's {@link SQLException}.
 */
public final class ChannelStorageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure of the statement that was to {@code purpose}. */
  public ChannelStorageException(String purpose, SQLException cause) {
    super(purpose + ": " + cause.getMessage(), cause);
  }

  @Override
  public synchronized SQLException getCause() {
    return (SQLException) super.getCause();
  }

  /** Whether a unique constraint refused the statement: the row is there already. */
  public boolean isUniqueViolation() {
    return ChannelJdbc.isUniqueViolation(getCause());
  }
}
