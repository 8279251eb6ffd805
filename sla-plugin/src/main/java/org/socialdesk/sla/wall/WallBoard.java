package org.socialdesk.sla.wall;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * What the wall reads from the database every few seconds: the running first-response clocks,
 * soonest due first, with the business time left on each, and today's (UTC) response rate.
 */
public final class WallBoard implements Supplier<Map<String, Object>> {

  static final int MAX_CLOCKS = 60;

  private final SlaJdbc jdbc;
  private final SlaPolicies policies;
  private final SlaReport report;
  private final Clock clock;

  public WallBoard(SlaJdbc jdbc, SlaPolicies policies, Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.report = new SlaReport(jdbc, policies);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Map<String, Object> get() {
    Instant now = clock.instant();
    Map<String, Object> board = new LinkedHashMap<>();
    board.put("at", now.toString());
    board.put("clocks", clocks(now));
    Instant midnight =
        now.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    SlaReport.Row today = report.compute(midnight, now.plusNanos(1), "channel").totals();
    Map<String, Object> rate = new LinkedHashMap<>();
    rate.put("conversations", today.conversations());
    rate.put("replied", today.repliedConversations());
    rate.put("rate", today.responseRate());
    rate.put("breaches", today.breaches());
    board.put("today", rate);
    return board;
  }

  private List<Object> clocks(Instant now) {
    return jdbc.inTransaction(
        connection -> {
          List<Object> out = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + SlaClockRow.COLUMNS
                      + " FROM sla_clock WHERE target = 'first-response'"
                      + " AND state IN ('running', 'warned', 'breached') AND ended_at IS NULL ORDER BY due_at, id")) {
            select.setMaxRows(MAX_CLOCKS);
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
        });
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
