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
 * The manager report over stored clocks started within [from, to), in one pass over the rows: the
 * database groups them by the report's key, by what each row counts as (post, conversation,
 * replied, breach) and by the first-response time, so what comes back is a histogram of distinct
 * (key, flags, seconds) with a count each, not one row per conversation. Counts and exact
 * nearest-rank percentiles are then summed in Java; totals merge the groups' histograms. Reading
 * one row per answered conversation (the first version) took 2 s on PostgreSQL and 7 s on H2 for
 * a month of 1,000,000 posts; see docs/benchmarks.md.
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
      Histogram histogram = new Histogram();
      seconds.forEach(value -> histogram.add(value, 1));
      return histogram.durations();
    }
  }

  /** Distinct business-second values with how many answered conversations took each. */
  static final class Histogram {
    private final TreeMap<Long, Long> counts = new TreeMap<>();

    void add(long seconds, long count) {
      counts.merge(seconds, count, Long::sum);
    }

    void addAll(Histogram other) {
      other.counts.forEach(this::add);
    }

    /** Null when empty; the mean rounded to 0.1 s. */
    Durations durations() {
      long total = 0;
      long sum = 0;
      for (Map.Entry<Long, Long> entry : counts.entrySet()) {
        total += entry.getValue();
        sum += entry.getKey() * entry.getValue();
      }
      if (total == 0) {
        return null;
      }
      double mean = (double) sum / total;
      return new Durations(Math.round(mean * 10) / 10.0, rank(total, 0.5), rank(total, 0.9));
    }

    /** The value at 1-based rank ceil(p * total) of the sorted values. */
    private long rank(long total, double p) {
      long rank = (long) Math.ceil(p * total);
      long seen = 0;
      for (Map.Entry<Long, Long> entry : counts.entrySet()) {
        seen += entry.getValue();
        if (seen >= rank) {
          return entry.getKey();
        }
      }
      return counts.lastKey();
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

  /** One group's counters and first-response histogram while the rows are read. */
  private static final class Group {
    long posts;
    long conversations;
    long replied;
    long breaches;
    final Histogram firstResponse = new Histogram();

    void add(Group other) {
      posts += other.posts;
      conversations += other.conversations;
      replied += other.replied;
      breaches += other.breaches;
      firstResponse.addAll(other.firstResponse);
    }

    Row row(String key) {
      return new Row(key, posts, conversations, replied, firstResponse.durations(), breaches);
    }
  }

  Result compute(Instant from, Instant to, String groupBy) {
    String column = GROUP_COLUMNS.get(groupBy);
    if (column == null) {
      throw new IllegalArgumentException("unknown groupBy " + groupBy);
    }
    Map<String, Group> groups = jdbc.inTransaction(connection -> {
      roomToGroup(connection);
      Map<String, Group> byKey = new HashMap<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT k, is_post, is_conversation, is_replied, is_breach, took, COUNT(*) AS n FROM ("
              + "SELECT " + column + " AS k,"
              + " CASE WHEN target IN ('first-response', 'next-response') THEN 1 ELSE 0 END AS is_post,"
              + " CASE WHEN target = 'first-response' AND state <> 'cancelled' THEN 1 ELSE 0 END AS is_conversation,"
              + " CASE WHEN target = 'first-response' AND ending = 'answered' THEN 1 ELSE 0 END AS is_replied,"
              + " CASE WHEN state = 'breached' THEN 1 ELSE 0 END AS is_breach,"
              + " CASE WHEN target = 'first-response' AND ending = 'answered' THEN took_seconds END AS took"
              + " FROM sla_clock WHERE started_at >= ? AND started_at < ?) AS clocks"
              + " GROUP BY k, is_post, is_conversation, is_replied, is_breach, took")) {
        try (ResultSet rows = SlaJdbc.bind(select, from, to).executeQuery()) {
          while (rows.next()) {
            add(byKey.computeIfAbsent(rows.getString("k"), k -> new Group()), rows);
          }
        }
      }
      return byKey;
    });
    List<Row> rows = new ArrayList<>();
    Group total = new Group();
    groups.forEach((key, group) -> {
      rows.add(group.row(key));
      total.add(group);
    });
    rows.sort(Comparator.comparing(Row::key, Comparator.nullsLast(Comparator.naturalOrder())));
    return new Result(rows, total.row(null));
  }

  /**
   * On PostgreSQL, memory for this transaction's grouping: with the default 4 MB work_mem a month
   * by day (~100,000 distinct day and seconds pairs at 1M posts) was sorted on disk, 2.2 s instead
   * of 0.9 s. Reports are rare manager requests; the setting ends with the transaction.
   */
  private static void roomToGroup(java.sql.Connection connection) throws java.sql.SQLException {
    if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
      try (java.sql.Statement statement = connection.createStatement()) {
        statement.execute("SET LOCAL work_mem = '64MB'");
      }
    }
  }

  private static void add(Group group, ResultSet row) throws java.sql.SQLException {
    long n = row.getLong("n");
    group.posts += row.getInt("is_post") * n;
    group.conversations += row.getInt("is_conversation") * n;
    group.replied += row.getInt("is_replied") * n;
    group.breaches += row.getInt("is_breach") * n;
    long took = row.getLong("took");
    if (!row.wasNull()) {
      group.firstResponse.add(took, n);
    }
  }
}
