package org.socialdesk.channel.line;

import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * The table {@code line_publish_attempt}: how each reply part went out, recorded before LINE is
 * called. A part whose reply-token request was cut off cannot be sent again safely (the reply API
 * takes no retry key), so it is reported unknown; a pushed part is sent again under the same {@code
 * X-Line-Retry-Key}, which LINE accepts once and remembers for 24 hours.
 */
final class LinePublishAttempts {

  static final String REPLY = "reply";
  static final String PUSH = "push";

  private final ChannelJdbc jdbc;

  LinePublishAttempts(DataSource dataSource) {
    this.jdbc = new ChannelJdbc(dataSource);
  }

  record Attempt(String method, String retryKey, Instant firstSentAt) {}

  Optional<Attempt> find(String idempotencyKey) {
    return jdbc.queryOne(
        "line: read the attempt of " + idempotencyKey,
        "select method, retry_key, first_sent_at from line_publish_attempt where idempotency_key = ?",
        row ->
            new Attempt(
                row.getString(1), row.getString(2), ChannelJdbc.instant(row, "first_sent_at")),
        idempotencyKey);
  }

  /** Records the first attempt, or moves a reply-token attempt that LINE refused to a push. */
  void record(String idempotencyKey, String method, String retryKey, Instant at) {
    if (!jdbc.insertIfAbsent(
        "line: record the attempt of " + idempotencyKey,
        "insert into line_publish_attempt (idempotency_key, method, retry_key, first_sent_at) values (?, ?, ?, ?)",
        idempotencyKey,
        method,
        retryKey,
        at)) {
      jdbc.update(
          "line: record the attempt of " + idempotencyKey,
          "update line_publish_attempt set method = ?, first_sent_at = ? where idempotency_key = ? and method <> ?",
          method,
          at,
          idempotencyKey,
          method);
    }
  }

  /** Forgets an attempt that certainly never reached LINE. */
  void forget(String idempotencyKey) {
    jdbc.update(
        "line: forget the attempt of " + idempotencyKey,
        "delete from line_publish_attempt where idempotency_key = ?",
        idempotencyKey);
  }
}
