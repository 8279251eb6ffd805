package org.socialdesk.channel.mastodon;

import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * The statuses this channel took in (customers' mentions) or published (the brand's replies), with
 * their Mastodon visibility, in table {@code mastodon_status}. A reply takes the visibility of the
 * status it answers from here; a deletion or an edit reaches the host only for a status taken in,
 * since the user stream also reports those of every account the brand follows.
 */
final class MastodonStatuses {

  static final String INBOUND = "inbound";
  static final String PUBLISHED = "published";

  private final ChannelJdbc jdbc;
  private final String instance;

  MastodonStatuses(DataSource dataSource, String instance) {
    this.jdbc = new ChannelJdbc(dataSource);
    this.instance = instance;
  }

  /** Records a status once; recording it again changes nothing. */
  void record(String statusId, String origin, String visibility, Instant at) {
    jdbc.insertIfAbsent(
        "mastodon: record status " + statusId,
        "insert into mastodon_status (instance, status_id, origin, visibility, recorded_at) values (?, ?, ?, ?, ?)",
        instance,
        statusId,
        origin,
        visibility,
        at);
  }

  /** The visibility of a status taken in or published, if it is known. */
  Optional<String> visibility(String statusId) {
    return column(statusId, "visibility");
  }

  /** Whether the status is a customer's that this channel took in. */
  boolean isInbound(String statusId) {
    return column(statusId, "origin").filter(INBOUND::equals).isPresent();
  }

  /** Forgets statuses recorded before {@code before}; returns how many. */
  int forgetBefore(Instant before) {
    return jdbc.update(
        "mastodon: forget statuses recorded before " + before,
        "delete from mastodon_status where instance = ? and recorded_at < ?",
        instance,
        before);
  }

  private Optional<String> column(String statusId, String column) {
    return jdbc.queryOne(
        "mastodon: read the " + column + " of status " + statusId,
        "select " + column + " from mastodon_status where instance = ? and status_id = ?",
        row -> row.getString(1),
        instance,
        statusId);
  }
}
