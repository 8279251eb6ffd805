package org.socialdesk.sla.wall;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.socialdesk.sla.clock.SlaClockRow;
import org.socialdesk.sla.clock.SlaState;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.sla.report.SlaReport;

/**
 * What the wall reads from the database every few seconds: the running first-response clocks with
 * the business time left on each, and today's response rate, "today" being the day in the wall's
 * zone. The clocks that can still be saved come first, soonest due first; then the breached ones,
 * most recently breached first, so a month-old breach never hides what is about to breach.
 */
public final class WallBoard implements Supplier<Map<String, Object>> {

  static final int MAX_CLOCKS = 60;

  /** Breached clocks shown even when the ones still running fill the list. */
  static final int MIN_BREACHED = 10;

  private final SlaJdbc jdbc;
  private final SlaPolicies policies;
  private final SlaReport report;
  private final Clock clock;
  private final ZoneId zone;

  /** A board whose day is the UTC day. */
  public WallBoard(SlaJdbc jdbc, SlaPolicies policies, Clock clock) {
    this(jdbc, policies, clock, ZoneId.of("UTC"));
  }

  /**
   * @param zone the zone whose day "today" is ({@code plugins.sla.wall.zone})
   */
  public WallBoard(SlaJdbc jdbc, SlaPolicies policies, Clock clock, ZoneId zone) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.report = new SlaReport(jdbc, policies);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  @Override
  public Map<String, Object> get() {
    Instant now = clock.instant();
    Map<String, Object> board = new LinkedHashMap<>();
    board.put("at", now.toString());
    board.put("zone", zone.getId());
    waiting(now, board);
    LocalDate day = now.atZone(zone).toLocalDate();
    Instant midnight = day.atStartOfDay(zone).toInstant();
    SlaReport.Row today = report.compute(midnight, now.plusNanos(1), "channel").totals();
    Map<String, Object> rate = new LinkedHashMap<>();
    rate.put("day", day.toString());
    rate.put("zone", zone.getId());
    rate.put("from", midnight.toString());
    rate.put("conversations", today.conversations());
    rate.put("replied", today.repliedConversations());
    rate.put("rate", today.responseRate());
    rate.put("breaches", today.breaches());
    board.put("today", rate);
    return board;
  }

  private static final String WAITING =
      " FROM sla_clock WHERE target = 'first-response'"
          + " AND state IN ('running', 'warned', 'breached') AND ended_at IS NULL";

  /**
   * Puts the clocks (still savable first, soonest due first; then breached, latest first), how many
   * wait in all and how many of them are breached.
   */
  private void waiting(Instant now, Map<String, Object> board) {
    jdbc.inTransaction(
        connection -> {
          List<Object> clocks =
              clocks(
                  connection,
                  now,
                  "SELECT " + SlaClockRow.COLUMNS + WAITING + " AND due_at > ? ORDER BY due_at, id",
                  MAX_CLOCKS);
          int savable = clocks.size();
          clocks.addAll(
              clocks(
                  connection,
                  now,
                  "SELECT "
                      + SlaClockRow.COLUMNS
                      + WAITING
                      + " AND due_at <= ? ORDER BY due_at DESC, id DESC",
                  Math.max(MIN_BREACHED, MAX_CLOCKS - savable)));
          long all = count(connection, "SELECT COUNT(*)" + WAITING, null);
          long breached = count(connection, "SELECT COUNT(*)" + WAITING + " AND due_at <= ?", now);
          board.put("clocks", clocks);
          board.put("waiting", all);
          board.put("breachedWaiting", breached);
          return null;
        });
  }

  private static long count(Connection connection, String sql, Instant now) throws SQLException {
    try (PreparedStatement select =
        now == null
            ? connection.prepareStatement(sql)
            : SlaJdbc.bind(connection.prepareStatement(sql), now)) {
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private List<Object> clocks(Connection connection, Instant now, String sql, int max)
      throws SQLException {
    List<Object> out = new ArrayList<>();
    try (PreparedStatement select = SlaJdbc.bind(connection.prepareStatement(sql), now)) {
      select.setMaxRows(max);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          SlaClockRow row = SlaClockRow.read(rows);
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("ticket", row.ticket().id());
          item.put("channel", rows.getString("channel"));
          item.put("sentiment", rows.getString("sentiment"));
          item.put("influence", rows.getString("influence"));
          item.put("policy", row.policy());
          item.put("startedAt", row.startedAt().toString());
          item.put("dueAt", row.dueAt().toString());
          long left = secondsLeft(row, now);
          item.put("secondsLeft", left);
          item.put(
              "state",
              left < 0 ? "breached" : now.isBefore(row.warningAt()) ? "running" : "warned");
          out.add(item);
        }
      }
    }
    return out;
  }

  /**
   * Business seconds left (negative: overdue), in the policy's calendar; wall time if the policy is
   * gone.
   */
  private long secondsLeft(SlaClockRow row, Instant now) {
    try {
      return switch (row.toClock(policies).stateAt(now)) {
        case SlaState.Running running -> running.remaining().toSeconds();
        case SlaState.Warned warned -> warned.remaining().toSeconds();
        case SlaState.Breached breached -> -Math.max(1, breached.overdue().toSeconds());
        default -> Duration.between(now, row.dueAt()).toSeconds();
      };
    } catch (RuntimeException e) {
      return Duration.between(now, row.dueAt()).toSeconds();
    }
  }
}
