package org.socialdesk.sla.wall;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.socialdesk.sla.common.SlaJdbc;

/**
 * The wall's Incoming and alert lists in the database ({@code sla_wall_post}, {@code
 * sla_wall_alert}), so that after a restart the wall shows what it showed before. Rows are the
 * wall's own JSON shapes ({@link WallBroadcaster#post}, its alerts), written before they are shown;
 * each is kept once (an event delivered twice adds nothing) and each table is pruned to {@link
 * #KEEP} rows, a few more than the wall shows.
 */
public final class WallHistory {

  static final int KEEP = 100;

  private static final String POST_COLUMNS =
      "network, post_id, handle, display_name, is_private, post_text, sentiment, influence,"
          + " ticket_id, new_ticket, posted_at, routed_at";
  private static final String ALERT_COLUMNS =
      "alert_key, level, ticket_id, target, due_at, raised_at, last_minute, median_per_minute,"
          + " minute_start";

  private final SlaJdbc jdbc;

  public WallHistory(SlaJdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  /** Stores a post as the wall shows it, unless that post is stored already. */
  void addPost(Map<String, Object> post) {
    try {
      jdbc.inTransaction(
          connection -> {
            insertPost(connection, post);
            SlaJdbc.update(
                connection,
                "DELETE FROM sla_wall_post WHERE posted_at < (SELECT MIN(posted_at) FROM"
                    + " (SELECT posted_at FROM sla_wall_post ORDER BY posted_at DESC LIMIT "
                    + KEEP
                    + ") newest)");
            return null;
          });
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof SQLException sql && SlaJdbc.isUniqueViolation(sql))) {
        throw e; // another instance stored the same post at the same moment: nothing to do
      }
    }
  }

  private static void insertPost(Connection connection, Map<String, Object> post)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sla_wall_post ("
                + POST_COLUMNS
                + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM (VALUES (0)) one WHERE NOT"
                + " EXISTS (SELECT 1 FROM sla_wall_post WHERE network = ? AND post_id = ?)")) {
      insert.setString(1, (String) post.get("network"));
      insert.setString(2, (String) post.get("id"));
      insert.setString(3, (String) post.get("handle"));
      insert.setString(4, (String) post.get("name"));
      insert.setBoolean(5, Boolean.TRUE.equals(post.get("private")));
      insert.setString(6, (String) post.get("text"));
      insert.setString(7, (String) post.get("sentiment"));
      insert.setString(8, (String) post.get("influence"));
      insert.setString(9, (String) post.get("ticket"));
      insert.setBoolean(10, Boolean.TRUE.equals(post.get("newTicket")));
      SlaJdbc.setInstant(insert, 11, Instant.parse((String) post.get("postedAt")));
      SlaJdbc.setInstant(insert, 12, Instant.parse((String) post.get("at")));
      insert.setString(13, (String) post.get("network"));
      insert.setString(14, (String) post.get("id"));
      insert.executeUpdate();
    }
  }

  /** Stores an alert, or updates it when its key is stored already (a spike that grew). */
  void putAlert(Map<String, Object> alert) {
    jdbc.inTransaction(
        connection -> {
          int updated =
              SlaJdbc.update(
                  connection,
                  "UPDATE sla_wall_alert SET last_minute = ?, median_per_minute = ?"
                      + " WHERE alert_key = ?",
                  alert.get("lastMinute"),
                  alert.get("median"),
                  alert.get("key"));
          if (updated == 0) {
            insertAlert(connection, alert);
          }
          SlaJdbc.update(
              connection,
              "DELETE FROM sla_wall_alert WHERE raised_at < (SELECT MIN(raised_at) FROM"
                  + " (SELECT raised_at FROM sla_wall_alert ORDER BY raised_at DESC LIMIT "
                  + KEEP
                  + ") newest)");
          return null;
        });
  }

  private static void insertAlert(Connection connection, Map<String, Object> alert)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sla_wall_alert ("
                + ALERT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, (String) alert.get("key"));
      insert.setString(2, (String) alert.get("level"));
      insert.setString(3, (String) alert.get("ticket"));
      insert.setString(4, (String) alert.get("target"));
      SlaJdbc.setInstant(insert, 5, instant(alert.get("due")));
      SlaJdbc.setInstant(insert, 6, instant(alert.get("at")));
      if (alert.get("lastMinute") instanceof Number n) {
        insert.setLong(7, n.longValue());
      } else {
        insert.setNull(7, java.sql.Types.BIGINT);
      }
      if (alert.get("median") instanceof Number n) {
        insert.setDouble(8, n.doubleValue());
      } else {
        insert.setNull(8, java.sql.Types.DOUBLE);
      }
      SlaJdbc.setInstant(insert, 9, instant(alert.get("minute")));
      insert.executeUpdate();
    }
  }

  /**
   * The {@code max} most recently posted posts, oldest first; a private message's text is dropped
   * unless {@code showPrivateText} (the setting may have changed since it was stored).
   */
  List<Map<String, Object>> posts(int max, boolean showPrivateText) {
    return jdbc.inTransaction(
        connection -> {
          List<Map<String, Object>> out = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + POST_COLUMNS
                      + " FROM sla_wall_post ORDER BY posted_at DESC, id DESC")) {
            select.setMaxRows(max);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                out.add(post(rows, showPrivateText));
              }
            }
          }
          Collections.reverse(out);
          return out;
        });
  }

  private static Map<String, Object> post(ResultSet rows, boolean showPrivateText)
      throws SQLException {
    Map<String, Object> post = new LinkedHashMap<>();
    post.put("network", rows.getString("network"));
    post.put("id", rows.getString("post_id"));
    post.put("handle", rows.getString("handle"));
    post.put("name", rows.getString("display_name"));
    boolean isPrivate = rows.getBoolean("is_private");
    post.put("private", isPrivate);
    post.put("text", isPrivate && !showPrivateText ? null : rows.getString("post_text"));
    post.put("sentiment", rows.getString("sentiment"));
    post.put("influence", rows.getString("influence"));
    post.put("ticket", rows.getString("ticket_id"));
    post.put("newTicket", rows.getBoolean("new_ticket"));
    post.put("postedAt", SlaJdbc.instant(rows, "posted_at").toString());
    post.put("at", SlaJdbc.instant(rows, "routed_at").toString());
    return post;
  }

  /** The {@code max} most recent alerts, oldest first. */
  List<Map<String, Object>> alerts(int max) {
    return jdbc.inTransaction(
        connection -> {
          List<Map<String, Object>> out = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + ALERT_COLUMNS
                      + " FROM sla_wall_alert ORDER BY raised_at DESC, id DESC")) {
            select.setMaxRows(max);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                out.add(alert(rows));
              }
            }
          }
          Collections.reverse(out);
          return out;
        });
  }

  private static Map<String, Object> alert(ResultSet rows) throws SQLException {
    String level = rows.getString("level");
    if (WallBroadcaster.SPIKE.equals(level)) {
      return WallBroadcaster.spikeAlert(
          rows.getString("alert_key"),
          SlaJdbc.instant(rows, "raised_at"),
          rows.getLong("last_minute"),
          rows.getDouble("median_per_minute"),
          SlaJdbc.instant(rows, "minute_start"));
    }
    return WallBroadcaster.slaAlert(
        rows.getString("ticket_id"),
        rows.getString("target"),
        level,
        SlaJdbc.instant(rows, "due_at"),
        SlaJdbc.instant(rows, "raised_at"));
  }

  private static Instant instant(Object iso) {
    return iso == null ? null : Instant.parse((String) iso);
  }
}
