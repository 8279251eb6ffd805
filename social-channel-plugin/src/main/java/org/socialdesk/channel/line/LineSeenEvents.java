package org.socialdesk.channel.line;

import java.time.Instant;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * The tables {@code line_webhook_event} and {@code line_friend}. A webhook event is marked seen by
 * its {@code webhookEventId} only after what it carried was stored, so a redelivery of an event
 * that was cut off is handled again (the host's inbox then answers duplicate), and one that was
 * handled is skipped without calling LINE for a profile again. Follows and blocks are kept per
 * user: no ticket, but a reply to a customer who blocked the account says so.
 */
final class LineSeenEvents {

  private final ChannelJdbc jdbc;

  LineSeenEvents(DataSource dataSource) {
    this.jdbc = new ChannelJdbc(dataSource);
  }

  boolean seen(String webhookEventId) {
    return jdbc.queryOne(
            "line: look up webhook event " + webhookEventId,
            "select 1 from line_webhook_event where webhook_event_id = ?",
            row -> true,
            webhookEventId)
        .isPresent();
  }

  void markSeen(String webhookEventId, Instant at) {
    jdbc.insertIfAbsent(
        "line: mark webhook event " + webhookEventId + " handled",
        "insert into line_webhook_event (webhook_event_id, received_at) values (?, ?)",
        webhookEventId,
        at);
  }

  /**
   * Records that {@code userId} followed (or unblocked) or blocked the account, unless a later
   * change is known.
   */
  void friendship(String userId, boolean following, Instant at) {
    int updated =
        jdbc.update(
            "line: record the friendship of " + userId,
            "update line_friend set following = ?, changed_at = ? where user_id = ? and changed_at <= ?",
            following,
            at,
            userId,
            at);
    if (updated == 0) {
      jdbc.insertIfAbsent(
          "line: record the friendship of " + userId,
          "insert into line_friend (user_id, following, changed_at) values (?, ?, ?)",
          userId,
          following,
          at);
    }
  }

  /** When {@code userId} blocked the account, if that is the latest thing known. */
  java.util.Optional<Instant> blockedSince(String userId) {
    return jdbc.queryOne(
        "line: read the friendship of " + userId,
        "select changed_at from line_friend where user_id = ? and following = false",
        row -> ChannelJdbc.instant(row, "changed_at"),
        userId);
  }

  int prune(Instant before) {
    return jdbc.update(
        "line: prune handled webhook events",
        "delete from line_webhook_event where received_at < ?",
        before);
  }
}
