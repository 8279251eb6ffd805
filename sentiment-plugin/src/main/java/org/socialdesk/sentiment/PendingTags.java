package org.socialdesk.sentiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.helpdesk.TicketUpdate;

/**
 * Tags waiting to reach the helpdesk, in the plugin's table {@code sentiment_pending_tag}, so that
 * a restart during a helpdesk outage does not drop them. Instances sharing the database claim a due
 * row by moving its next attempt past a lease, compared with the value they read: only one of them
 * wins it.
 */
final class PendingTags {

  /** A tag on its way, and how many tries have failed. */
  record Pending(TicketRef ticket, TicketUpdate update, int failures) {}

  /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};

  private final DataSource dataSource;
  private final Clock clock;

  PendingTags(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * Keeps {@code update} for {@code ticket}, held by the caller for {@code heldFor} (its own first
   * try) and due after that, so that no sweep sends it at the same time; a ticket already waiting
   * keeps its row.
   */
  void add(TicketRef ticket, TicketUpdate update, Duration heldFor) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into sentiment_pending_tag (helpdesk, ticket_id, priority, fields, failures, next_attempt_at, created_at)"
                    + " values (?, ?, ?, ?, 0, ?, ?)")) {
      insert.setString(1, ticket.helpdesk());
      insert.setString(2, ticket.id());
      if (update.priority() == null) {
        insert.setNull(3, Types.INTEGER);
      } else {
        insert.setInt(3, update.priority());
      }
      insert.setString(4, JSON.writeValueAsString(update.fields()));
      Instant now = clock.instant();
      insert.setObject(5, at(now.plus(heldFor)));
      insert.setObject(6, at(now));
      insert.executeUpdate();
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new IllegalStateException(
            "could not keep the tags of ticket " + ticket + ": " + e.getMessage(), e);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("tag fields are strings and always serialise", e);
    }
  }

  /**
   * Up to {@code limit} due tags, each claimed for {@code lease} so that no other instance takes it
   * meanwhile.
   */
  List<Pending> claimDue(int limit, Duration lease) {
    Instant now = clock.instant();
    List<Pending> claimed = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "select helpdesk, ticket_id, priority, fields, failures, next_attempt_at from sentiment_pending_tag"
                    + " where next_attempt_at <= ? order by next_attempt_at fetch first "
                    + limit
                    + " rows only");
        PreparedStatement claim =
            connection.prepareStatement(
                "update sentiment_pending_tag set next_attempt_at = ? where helpdesk = ? and ticket_id = ? and next_attempt_at = ?")) {
      select.setObject(1, at(now));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          TicketRef ticket = new TicketRef(rows.getString("helpdesk"), rows.getString("ticket_id"));
          claim.setObject(1, at(now.plus(lease)));
          claim.setString(2, ticket.helpdesk());
          claim.setString(3, ticket.id());
          claim.setObject(4, rows.getObject("next_attempt_at", OffsetDateTime.class));
          if (claim.executeUpdate() == 1) {
            int priority = rows.getInt("priority");
            Integer maybePriority = rows.wasNull() ? null : priority;
            TicketUpdate update =
                new TicketUpdate(
                    maybePriority, null, null, JSON.readValue(rows.getString("fields"), FIELDS));
            claimed.add(new Pending(ticket, update, rows.getInt("failures")));
          }
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("could not read the pending tags: " + e.getMessage(), e);
    }
    return claimed;
  }

  /** The tag failed once more; the next try is at {@code next}. */
  void retryAt(TicketRef ticket, int failures, Instant next) {
    update(
        "update sentiment_pending_tag set failures = ?, next_attempt_at = ? where helpdesk = ? and ticket_id = ?",
        failures,
        at(next),
        ticket.helpdesk(),
        ticket.id());
  }

  /** The tag reached the helpdesk, or never will. */
  void remove(TicketRef ticket) {
    update(
        "delete from sentiment_pending_tag where helpdesk = ? and ticket_id = ?",
        ticket.helpdesk(),
        ticket.id());
  }

  /** Whether no tag is waiting. */
  boolean isEmpty() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("select count(*) from sentiment_pending_tag");
        ResultSet count = select.executeQuery()) {
      count.next();
      return count.getLong(1) == 0;
    } catch (SQLException e) {
      throw new IllegalStateException("could not count the pending tags: " + e.getMessage(), e);
    }
  }

  private void update(String sql, Object... args) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not update the pending tags: " + e.getMessage(), e);
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
