package org.socialdesk.host.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;

/**
 * Stores what channels hand in. {@link #accept} commits before it returns, so an acknowledged
 * post is on disk; a redelivered post hits the unique key and is reported as a duplicate.
 */
public final class Inbox implements Ingest {

  /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
  static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final Clock clock;
  private final Runnable onStored;

  /**
   * @param onStored called after each new event is committed, to wake the pipeline
   */
  public Inbox(DataSource dataSource, Clock clock, Runnable onStored) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.onStored = onStored;
  }

  @Override
  public Accepted accept(InboundEvent event) {
    Instant now = clock.instant();
    String sql =
        "insert into inbox (network, dedupe_key, post_id, event_type, payload, received_at, state, attempts, next_attempt_at)"
            + " values (?, ?, ?, ?, ?, ?, 'pending', 0, ?)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, event.key().network());
      insert.setString(2, InboundCodec.dedupeKey(event));
      insert.setString(3, event.key().postId());
      insert.setString(4, InboundCodec.typeOf(event));
      insert.setString(5, InboundCodec.encode(event));
      insert.setTimestamp(6, Timestamp.from(now));
      insert.setTimestamp(7, Timestamp.from(now));
      insert.executeUpdate();
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return Accepted.DUPLICATE;
      }
      throw new IngestUnavailableException("could not store " + event.key() + ": " + e.getMessage(), e);
    }
    onStored.run();
    return Accepted.STORED;
  }
}
