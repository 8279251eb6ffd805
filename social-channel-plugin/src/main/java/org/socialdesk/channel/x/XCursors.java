package org.socialdesk.channel.x;

import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelCursors;

/**
 * The pollers' cursors in the plugin's {@code channel_cursor} table, one row per channel key
 * ({@code x:mentions:<brand-user-id>}, {@code x:dm:<brand-user-id>}).
 */
final class XCursors {

  private final ChannelCursors cursors;

  XCursors(DataSource dataSource, Clock clock) {
    this.cursors = new ChannelCursors(dataSource, clock);
  }

  static String mentionsKey(String brandUserId) {
    return "x:mentions:" + brandUserId;
  }

  static String directMessagesKey(String brandUserId) {
    return "x:dm:" + brandUserId;
  }

  Optional<String> read(String channel) {
    return cursors.read(channel);
  }

  void write(String channel, String value) {
    cursors.write(channel, value);
  }
}
