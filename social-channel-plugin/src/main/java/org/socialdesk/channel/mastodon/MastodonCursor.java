package org.socialdesk.channel.mastodon;

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
 * The id of the newest notification whose status is stored (and of every older one), in the
 * plugin's {@code channel_cursor} table under {@code mastodon:notifications:<host>}. Only the
 * ordered poll moves it, one notification at a time, after the host stored the event.
 */
final class MastodonCursor {

  private final DataSource dataSource;
  private final String channel;
  private final Clock clock;

  MastodonCursor(DataSource dataSource, String instance, Clock clock) {
    this.dataSource = dataSource;
    this.channel = "mastodon:notifications:" + instance;
    this.clock = clock;
  }

  Optional<String> read() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("select cursor_value from channel_cursor where channel = ?")) {
      select.setString(1, channel);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  void write(String notificationId) throws SQLException {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement("update channel_cursor set cursor_value = ?, updated_at = ? where channel = ?")) {
      update.setString(1, notificationId);
      update.setObject(2, now);
      update.setString(3, channel);
      if (update.executeUpdate() > 0) {
        return;
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "insert into channel_cursor (channel, cursor_value, updated_at) values (?, ?, ?)")) {
        insert.setString(1, channel);
        insert.setString(2, notificationId);
        insert.setObject(3, now);
        insert.executeUpdate();
      }
    }
  }
}
