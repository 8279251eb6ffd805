package org.socialdesk.sla;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The manager report over stored clocks started within [from, to): counts by SQL {@code GROUP
 * BY} on a denormalised column, first-response percentiles in Java over the answered durations of
 * the filtered rows (one row per answered conversation is read: fine for months of a team's
 * traffic, to be measured before it serves millions).
 */
final class SlaReport {

  /** What a report can be grouped by, and the column that holds it. */
  static final Map<String, String> GROUP_COLUMNS = new TreeMap<>(Map.of(
      "channel", "channel",
      "queue", "queue",
      "agent", "agent",
      "sentiment", "sentiment",
      "influence", "influence",
      "language", "language",
      "day", "started_day",
      "week", "started_week"));

  private final SlaJdbc jdbc;

  SlaReport(SlaJdbc jdbc, SlaPolicies policies) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    Objects.requireNonNull(policies, "policies");
  }

  /** Business seconds to the first response: mean, median and 90th percentile (nearest rank). */
  record Durations(double mean, long median, long p90) {
    static Durations of(List<Long> seconds) {
      if (seconds.isEmpty()) {
        return null;
      }
      List<Long> sorted = seconds.stream().sorted().toList();
      double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0);
      return new Durations(Math.round(mean * 10) / 10.0, rank(sorted, 0.5), rank(sorted, 0.9));
    }

    private static long rank(List<Long> sorted, double p) {
      return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }
  }

  /**
   * One group's figures.
   *
   * @param key the group's value, null where not known (no sentiment, or no agent yet)
   * @param posts customer posts that started a response clock (first and next responses)
   * @param conversations first-response clocks, cancelled ones left out
   * @param repliedConversations first-response clocks answered, in time or late
   * @param firstResponse business seconds to the first response, over answered conversations; null if none
   * @param breaches clocks of any target that breached
   */
  record Row(String key, long posts, long conversations, long repliedConversations, Durations firstResponse,
      long breaches) {
    /** replied / conversations, within 0..1; null when there were no conversations. */
    Double responseRate() {
      return conversations == 0 ? null : (double) repliedConversations / conversations;
    }
  }

  record Result(List<Row> groups, Row totals) {}

  Result compute(Instant from, Instant to, String groupBy) {
    String column = GROUP_COLUMNS.get(groupBy);
    if (column == null) {
      throw new IllegalArgumentException("unknown groupBy " + groupBy);
    }
    return jdbc.inTransaction(connection -> {
      Map<String, long[]> counts = new HashMap<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + column + " AS k,"
              + " SUM(CASE WHEN target IN ('first-response', 'next-response') THEN 1 ELSE 0 END) AS posts,"
              + " SUM(CASE WHEN target = 'first-response' AND state <> 'cancelled' THEN 1 ELSE 0 END) AS conversations,"
              + " SUM(CASE WHEN target = 'first-response' AND ending = 'answered' THEN 1 ELSE 0 END) AS replied,"
              + " SUM(CASE WHEN state = 'breached' THEN 1 ELSE 0 END) AS breaches"
              + " FROM sla_clock WHERE started_at >= ? AND started_at < ? GROUP BY " + column)) {
        try (ResultSet rows = SlaJdbc.bind(select, from, to).executeQuery()) {
          while (rows.next()) {
            counts.put(rows.getString("k"),
                new long[] {rows.getLong("posts"), rows.getLong("conversations"), rows.getLong("replied"),
                    rows.getLong("breaches")});
          }
        }
      }
      Map<String, List<Long>> durations = new HashMap<>();
      List<Long> all = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + column + " AS k, took_seconds FROM sla_clock WHERE started_at >= ? AND started_at < ?"
              + " AND target = 'first-response' AND ending = 'answered' AND took_seconds IS NOT NULL")) {
        try (ResultSet rows = SlaJdbc.bind(select, from, to).executeQuery()) {
          while (rows.next()) {
            long took = rows.getLong("took_seconds");
            durations.computeIfAbsent(rows.getString("k"), k -> new ArrayList<>()).add(took);
            all.add(took);
          }
        }
      }
      List<Row> groups = new ArrayList<>();
      long[] total = new long[4];
      counts.forEach((key, c) -> {
        groups.add(new Row(key, c[0], c[1], c[2], Durations.of(durations.getOrDefault(key, List.of())), c[3]));
        for (int i = 0; i < 4; i++) {
          total[i] += c[i];
        }
      });
      groups.sort(Comparator.comparing(Row::key, Comparator.nullsLast(Comparator.naturalOrder())));
      return new Result(groups, new Row(null, total[0], total[1], total[2], Durations.of(all), total[3]));
    });
  }
}
