package org.socialdesk.channel.mastodon;

import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * When a reply was first sent to Mastodon under its Idempotency-Key, in table {@code
 * mastodon_publish_attempt}, so that the window in which a retry is safe survives a restart.
 * Mastodon remembers a key for one hour; after that a retry could publish the reply twice.
 */
final class MastodonPublishAttempts {

  private final ChannelJdbc jdbc;
  private final String instance;

  MastodonPublishAttempts(DataSource dataSource, String instance) {
    this.jdbc = new ChannelJdbc(dataSource);
    this.instance = instance;
  }

  Optional<Instant> firstSent(String idempotencyKey) {
    return jdbc.queryOne(
        "mastodon: read the first sending of reply " + idempotencyKey,
        "select first_sent_at from mastodon_publish_attempt where instance = ? and idempotency_key = ?",
        row -> ChannelJdbc.instant(row, "first_sent_at"),
        instance,
        idempotencyKey);
  }

  /** Records the first sending; false when an earlier one is recorded already. */
  boolean recordFirst(String idempotencyKey, Instant at) {
    return jdbc.insertIfAbsent(
        "mastodon: record the first sending of reply " + idempotencyKey,
        "insert into mastodon_publish_attempt (instance, idempotency_key, first_sent_at) values (?, ?, ?)",
        instance,
        idempotencyKey,
        at);
  }

  /** Forgets a sending that certainly never reached Mastodon (refused connection, 429). */
  void forget(String idempotencyKey) {
    jdbc.update(
        "mastodon: forget the sending of reply " + idempotencyKey,
        "delete from mastodon_publish_attempt where instance = ? and idempotency_key = ?",
        instance,
        idempotencyKey);
  }

  /** Forgets sendings older than {@code before}; returns how many. */
  int forgetBefore(Instant before) {
    return jdbc.update(
        "mastodon: forget sendings before " + before,
        "delete from mastodon_publish_attempt where instance = ? and first_sent_at < ?",
        instance,
        before);
  }
}
