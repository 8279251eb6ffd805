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
 * The statuses this channel took in (customers' mentions) or published (the brand's replies), with
 * their Mastodon visibility, in table {@code mastodon_status}. A reply takes the visibility of the
 * status it answers from here; a deletion or an edit reaches the host only for a status taken in,
 * since the user stream also reports those of every account the brand follows.
 */
final class MastodonStatuses {

  static final String INBOUND = "inbound";
  static final String PUBLISHED = "published";

  /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final String instance;

  MastodonStatuses(DataSource dataSource, String instance) {
    this.dataSource = dataSource;
    this.instance = instance;
  }

  /** Records a status once; recording it again changes nothing. */
  void record(String statusId, String origin, String visibility, Instant at) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "insert into mastodon_status (instance, status_id, origin, visibility, recorded_at) values (?, ?, ?, ?, ?)")) {
      insert.setString(1, instance);
      insert.setString(2, statusId);
      insert.setString(3, origin);
      insert.setString(4, visibility);
      insert.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      insert.executeUpdate();
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  /** The visibility of a status taken in or published, if it is known. */
  Optional<String> visibility(String statusId) throws SQLException {
    return column(statusId, "visibility");
  }

  /** Whether the status is a customer's that this channel took in. */
  boolean isInbound(String statusId) throws SQLException {
    return column(statusId, "origin").filter(INBOUND::equals).isPresent();
  }

  /** Forgets statuses recorded before {@code before}; returns how many. */
  int forgetBefore(Instant before) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("delete from mastodon_status where instance = ? and recorded_at < ?")) {
      delete.setString(1, instance);
      delete.setObject(2, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
      return delete.executeUpdate();
    }
  }

  private Optional<String> column(String statusId, String column) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "select " + column + " from mastodon_status where instance = ? and status_id = ?")) {
      select.setString(1, instance);
      select.setString(2, statusId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }
}
