package org.socialdesk.channel.x;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The pollers' cursors in the plugin's {@code channel_cursor} table, one row per channel key
 * ({@code x:mentions:<brand-user-id>}, {@code x:dm:<brand-user-id>}).
 */
final class XCursors {

  /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final Clock clock;

  XCursors(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  static String mentionsKey(String brandUserId) {
    return "x:mentions:" + brandUserId;
  }

  static String directMessagesKey(String brandUserId) {
    return "x:dm:" + brandUserId;
  }

  Optional<String> read(String channel) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("select cursor_value from channel_cursor where channel = ?")) {
      select.setString(1, channel);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  void write(String channel, String value) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      if (update(connection, channel, value) == 0) {
        try (PreparedStatement insert =
            connection.prepareStatement(
                "insert into channel_cursor (channel, cursor_value, updated_at) values (?, ?, ?)")) {
          insert.setString(1, channel);
          insert.setString(2, value);
          insert.setObject(3, now());
          insert.executeUpdate();
        } catch (SQLException e) {
          if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || update(connection, channel, value) == 0) {
            throw e;
          }
        }
      }
    }
  }

  private int update(Connection connection, String channel, String value) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("update channel_cursor set cursor_value = ?, updated_at = ? where channel = ?")) {
      update.setString(1, value);
      update.setObject(2, now());
      update.setString(3, channel);
      return update.executeUpdate();
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
