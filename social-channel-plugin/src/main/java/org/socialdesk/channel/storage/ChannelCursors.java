package org.socialdesk.channel.storage;

import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The channels' cursors, in the plugin's {@code channel_cursor} table: one value per channel key
 * (such as {@code x:mentions:<brand-user-id>} or {@code mastodon:notifications:<host>}), with the
 * time it was last written.
 */
public final class ChannelCursors {

  private final ChannelJdbc jdbc;
  private final Clock clock;

  public ChannelCursors(DataSource dataSource, Clock clock) {
    this.jdbc = new ChannelJdbc(dataSource);
    this.clock = clock;
  }

  public Optional<String> read(String channel) {
    return jdbc.queryOne(
        "read the cursor of " + channel,
        "select cursor_value from channel_cursor where channel = ?",
        row -> row.getString(1),
        channel);
  }

  /**
   * Sets the cursor, creating its row the first time (or taking the row a concurrent writer
   * created).
   */
  public void write(String channel, String value) {
    if (update(channel, value) > 0) {
      return;
    }
    try {
      jdbc.update(
          "create the cursor of " + channel,
          "insert into channel_cursor (channel, cursor_value, updated_at) values (?, ?, ?)",
          channel,
          value,
          clock.instant());
    } catch (ChannelStorageException e) {
      if (!e.isUniqueViolation() || update(channel, value) == 0) {
        throw e;
      }
    }
  }

  private int update(String channel, String value) {
    return jdbc.update(
        "move the cursor of " + channel,
        "update channel_cursor set cursor_value = ?, updated_at = ? where channel = ?",
        value,
        clock.instant(),
        channel);
  }
}
