package org.socialdesk.channel.mastodon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * When a reply was first sent to Mastodon under its Idempotency-Key, in table {@code
 * mastodon_publish_attempt}, so that the window in which a retry is safe survives a restart.
 * Mastodon remembers a key for one hour; after that a retry could publish the reply twice.
 */
final class MastodonPublishAttempts {

  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final String instance;

  MastodonPublishAttempts(DataSource dataSource, String instance) {
    this.dataSource = dataSource;
    this.instance = instance;
  }

  Optional<Instant> firstSent(String idempotencyKey) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "select first_sent_at from mastodon_publish_attempt where instance = ? and idempotency_key = ?")) {
      select.setString(1, instance);
      select.setString(2, idempotencyKey);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
      }
    }
  }

  /** Records the first sending; false when an earlier one is recorded already. */
  boolean recordFirst(String idempotencyKey, Instant at) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "insert into mastodon_publish_attempt (instance, idempotency_key, first_sent_at) values (?, ?, ?)")) {
      insert.setString(1, instance);
      insert.setString(2, idempotencyKey);
      insert.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  /** Forgets a sending that certainly never reached Mastodon (refused connection, 429). */
  void forget(String idempotencyKey) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete = connection.prepareStatement(
            "delete from mastodon_publish_attempt where instance = ? and idempotency_key = ?")) {
      delete.setString(1, instance);
      delete.setString(2, idempotencyKey);
      delete.executeUpdate();
    }
  }

  /** Forgets sendings older than {@code before}; returns how many. */
  int forgetBefore(Instant before) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete = connection.prepareStatement(
            "delete from mastodon_publish_attempt where instance = ? and first_sent_at < ?")) {
      delete.setString(1, instance);
      delete.setObject(2, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
      return delete.executeUpdate();
    }
  }
}
