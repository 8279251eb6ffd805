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

  /**
   * Whether the database refused the values themselves (SQLSTATE class 22, a data exception such as
   * a value too long or a character it cannot store; or class 23, a constraint), as opposed to
   * being unavailable.
   */
  public boolean isRefusal() {
    String state = getCause().getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  /** Whether a unique constraint refused the statement: the row is there already. */
  public boolean isUniqueViolation() {
    return ChannelJdbc.isUniqueViolation(getCause());
  }
}
