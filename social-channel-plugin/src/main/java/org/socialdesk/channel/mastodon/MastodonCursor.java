package org.socialdesk.channel.mastodon;

import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelCursors;

/**
 * The id of the newest notification whose status is stored (and of every older one), in the
 * plugin's {@code channel_cursor} table under {@code mastodon:notifications:<host>}. Only the
 * ordered poll moves it, one notification at a time, after the host stored the event.
 */
final class MastodonCursor {

  private final ChannelCursors cursors;
  private final String channel;

  MastodonCursor(DataSource dataSource, String instance, Clock clock) {
    this.cursors = new ChannelCursors(dataSource, clock);
    this.channel = "mastodon:notifications:" + instance;
  }

  Optional<String> read() {
    return cursors.read(channel);
  }

  void write(String notificationId) {
    cursors.write(channel, notificationId);
  }
}
