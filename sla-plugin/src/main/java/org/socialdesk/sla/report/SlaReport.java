package org.socialdesk.sla.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.socialdesk.sla.clock.SlaRollup;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.policy.SlaPolicies;

/**
 * The manager report over stored clocks started within [from, to), in one pass over the rows: the
 * database groups them by the report's key, by what each row counts as (post, conversation,
 * replied, breach) and by the first-response time, so what comes back is a histogram of distinct
 * (key, flags, seconds) with a count each, not one row per conversation. Counts and exact
 * nearest-rank percentiles are then summed in Java; totals merge the groups' histograms. Reading
 * one row per answered conversation (the first version) took 2 s on PostgreSQL and 7 s on H2 for a
 * month of 1,000,000 posts; see docs/benchmarks.md.
 */
public final class SlaReport {

  /** What a report can be grouped by, and the column that holds it. */
  public static final Map<String, String> GROUP_COLUMNS =
      new TreeMap<>(
          Map.of(
              "channel", "channel",
              "queue", "queue",
              "agent", "agent",
              "sentiment", "sentiment",
              "influence", "influence",
              "language", "language",
              "day", "started_day",
              "week", "started_week"));

  private final SlaJdbc jdbc;

  public SlaReport(SlaJdbc jdbc, SlaPolicies policies) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    Objects.requireNonNull(policies, "policies");
  }

  /** Business seconds to the first response: mean, median and 90th percentile (nearest rank). */
  public record Durations(double mean, long median, long p90) {
    public static Durations of(List<Long> seconds) {
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

    long count() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    long sum() {
      long sum = 0;
      for (Map.Entry<Long, Long> entry : counts.entrySet()) {
        sum += entry.getKey() * entry.getValue();
      }
      return sum;
    }

    /** Null when empty; the mean rounded to 0.1 s. */
    Durations durations() {
      long total = count();
      if (total == 0) {
        return null;
      }
      return new Durations(
          mean(sum(), total), valueAt(rank(total, 0.5)), valueAt(rank(total, 0.9)));
    }

    /** The value at a 1-based rank of the sorted values. */
    long valueAt(long rank) {
      long seen = 0;
      for (Map.Entry<Long, Long> entry : counts.entrySet()) {
        seen += entry.getValue();
        if (seen >= rank) {
          return entry.getKey();
        }
      }
      return counts.lastKey();
    }

    /** The values in one {@link SlaRollup#bucket}, as a histogram of their own. */
    Histogram inBucket(long bucket) {
      Histogram out = new Histogram();
      counts.forEach(
          (seconds, n) -> {
            if (SlaRollup.bucket(seconds) == bucket) {
              out.add(seconds, n);
            }
          });
      return out;
    }
  }

  /** The rank of percentile p among total values, nearest rank: ceil(p * total), 1-based. */
  static long rank(long total, double p) {
    return (long) Math.ceil(p * total);
  }

  static double mean(long sum, long total) {
    double mean = (double) sum / total;
    return Math.round(mean * 10) / 10.0;
  }

  /**
   * One group's figures.
   *
   * @param key the group's value, null where not known (no sentiment, or no agent yet)
   * @param posts customer posts that started a response clock (first and next responses)
   * @param conversations first-response clocks, cancelled ones left out
   * @param repliedConversations first-response clocks answered, in time or late
   * @param firstResponse business seconds to the first response, over answered conversations; null
   *     if none
   * @param breaches clocks of any target that breached
   */
  public record Row(
      String key,
      long posts,
      long conversations,
      long repliedConversations,
      Durations firstResponse,
      long breaches) {
    /** replied / conversations, within 0..1; null when there were no conversations. */
    public Double responseRate() {
      return conversations == 0 ? null : (double) repliedConversations / conversations;
    }
  }

  public record Result(List<Row> groups, Row totals) {}

  /**
   * One group's counters and first responses while the rows are read: exact values from raw rows
   * (the partial days at the edges of the period), and from the rollup the count per bucket, the
   * sum, and where to read a bucket's exact values (dimension, value and days).
   */
  private static final class Group {
    long clocks;
    long posts;
    long conversations;
    long replied;
    long breaches;
    final Histogram exact = new Histogram();
    final TreeMap<Long, Long> rolledUpBuckets = new TreeMap<>();
    long rolledUpSum;

    /**
     * Where the rolled-up exact values are: the rollup's dimension and value, and the days read.
     */
    String dimension = SlaRollup.ALL;

    String value = "";
    String firstDay;
    String lastDay;

    void add(Group other) {
      clocks += other.clocks;
      posts += other.posts;
      conversations += other.conversations;
      replied += other.replied;
      breaches += other.breaches;
      exact.addAll(other.exact);
      other.rolledUpBuckets.forEach((bucket, n) -> rolledUpBuckets.merge(bucket, n, Long::sum));
      rolledUpSum += other.rolledUpSum;
      days(other.firstDay);
      days(other.lastDay);
    }

    /** Widens the rollup days this group's exact values are read from. */
    void days(String day) {
      if (day != null) {
        firstDay = firstDay == null || day.compareTo(firstDay) < 0 ? day : firstDay;
        lastDay = lastDay == null || day.compareTo(lastDay) > 0 ? day : lastDay;
      }
    }

    Row row(String key, Connection connection) throws SQLException {
      return new Row(key, posts, conversations, replied, durations(connection), breaches);
    }

    /**
     * Exact mean, median and p90 of the exact values and the rolled-up ones together: the bucket
     * counts say which bucket holds each rank, and only that bucket's exact values are read.
     */
    private Durations durations(Connection connection) throws SQLException {
      TreeMap<Long, Long> buckets = new TreeMap<>(rolledUpBuckets);
      exact.counts.forEach((seconds, n) -> buckets.merge(SlaRollup.bucket(seconds), n, Long::sum));
      long total = buckets.values().stream().mapToLong(Long::longValue).sum();
      if (total == 0) {
        return null;
      }
      Map<Long, Histogram> read = new HashMap<>();
      return new Durations(
          mean(exact.sum() + rolledUpSum, total),
          valueAt(rank(total, 0.5), buckets, read, connection),
          valueAt(rank(total, 0.9), buckets, read, connection));
    }

    private long valueAt(
        long rank, TreeMap<Long, Long> buckets, Map<Long, Histogram> read, Connection connection)
        throws SQLException {
      long seen = 0;
      for (Map.Entry<Long, Long> entry : buckets.entrySet()) {
        if (seen + entry.getValue() >= rank) {
          long bucket = entry.getKey();
          Histogram values = read.get(bucket);
          if (values == null) {
            values = exact.inBucket(bucket);
            if (rolledUpBuckets.containsKey(bucket)) {
              values.addAll(rolledUpValues(connection, bucket));
            }
            read.put(bucket, values);
          }
          return values.valueAt(rank - seen);
        }
        seen += entry.getValue();
      }
      throw new IllegalStateException("rank " + rank + " beyond " + seen + " values");
    }

    private Histogram rolledUpValues(Connection connection, long bucket) throws SQLException {
      Histogram values = new Histogram();
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT took, SUM(n) AS n FROM sla_rollup_took WHERE dim = ? AND bucket = ? AND val = ?"
                  + " AND started_day >= ? AND started_day <= ? GROUP BY took")) {
        try (ResultSet rows =
            SlaJdbc.bind(select, dimension, bucket, value, firstDay, lastDay).executeQuery()) {
          while (rows.next()) {
            values.add(rows.getLong("took"), rows.getLong("n"));
          }
        }
      }
      return values;
    }
  }

  /**
   * The whole UTC days within [from, to), which the rollup answers; none when the period holds no
   * whole day.
   */
  record WholeDays(Instant start, Instant end) {
    static WholeDays within(Instant from, Instant to) {
      Instant start = from.truncatedTo(ChronoUnit.DAYS);
      if (start.isBefore(from)) {
        start = start.plus(1, ChronoUnit.DAYS);
      }
      Instant end = to.truncatedTo(ChronoUnit.DAYS);
      return start.isBefore(end) ? new WholeDays(start, end) : null;
    }

    String firstDay() {
      return LocalDate.ofInstant(start, ZoneOffset.UTC).toString();
    }

    String endDay() {
      return LocalDate.ofInstant(end, ZoneOffset.UTC).toString();
    }
  }

  /**
   * Reads whole UTC days from the rollup and only the partial days at the edges of [from, to) from
   * the clocks themselves, with the same figures as reading every clock (SlaRollupTest).
   */
  public Result compute(Instant from, Instant to, String groupBy) {
    return compute(from, to, groupBy, ZoneOffset.UTC);
  }

  /**
   * As {@link #compute(Instant, Instant, String)}, with day and week groups being days of {@code
   * zone}. The rollup holds UTC days, so outside UTC those two groupings read the clocks themselves
   * (slower on large periods; see the README); every other grouping is the same in any zone, the
   * zone only moving the period's bounds, which the caller did.
   */
  public Result compute(Instant from, Instant to, String groupBy, ZoneId zone) {
    String column = GROUP_COLUMNS.get(groupBy);
    if (column == null) {
      throw new IllegalArgumentException("unknown groupBy " + groupBy);
    }
    if (byDate(groupBy) && !isUtc(zone)) {
      return jdbc.inTransaction(
          connection -> {
            roomToGroup(connection);
            Map<String, Group> byKey = new HashMap<>();
            readClocksByLocalDay(connection, from, to, zone, groupBy.equals("week"), byKey);
            return result(connection, byKey);
          });
    }
    WholeDays days = WholeDays.within(from, to);
    return jdbc.inTransaction(
        connection -> {
          roomToGroup(connection);
          Map<String, Group> byKey = new HashMap<>();
          if (days == null) {
            readClocks(connection, column, from, to, byKey);
          } else {
            if (from.isBefore(days.start())) {
              readClocks(connection, column, from, days.start(), byKey);
            }
            if (days.end().isBefore(to)) {
              readClocks(connection, column, days.end(), to, byKey);
            }
            readRollup(connection, groupBy, days, byKey);
          }
          return result(connection, byKey);
        });
  }

  private static Result result(Connection connection, Map<String, Group> byKey)
      throws SQLException {
    List<Row> rows = new ArrayList<>();
    Group total = new Group();
    for (Map.Entry<String, Group> entry : byKey.entrySet()) {
      Group group = entry.getValue();
      if (group.clocks
          > 0) { // a rollup row whose clocks all moved to another value (agent) is no group
        rows.add(group.row(entry.getKey(), connection));
        total.add(group);
      }
    }
    rows.sort(Comparator.comparing(Row::key, Comparator.nullsLast(Comparator.naturalOrder())));
    return new Result(rows, total.row(null, connection));
  }

  /** The clocks started in [from, to), grouped by the database into a histogram per key. */
  private static void readClocks(
      Connection connection, String column, Instant from, Instant to, Map<String, Group> byKey)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT k, is_post, is_conversation, is_replied, is_breach, took, COUNT(*) AS n FROM ("
                + "SELECT "
                + column
                + " AS k,"
                + " CASE WHEN target IN ('first-response', 'next-response') THEN 1 ELSE 0 END AS is_post,"
                + " CASE WHEN target = 'first-response' AND state <> 'cancelled' THEN 1 ELSE 0 END AS is_conversation,"
                + " CASE WHEN target = 'first-response' AND ending = 'answered' THEN 1 ELSE 0 END AS is_replied,"
                + " CASE WHEN state = 'breached' THEN 1 ELSE 0 END AS is_breach,"
                + " CASE WHEN target = 'first-response' AND ending = 'answered' THEN took_seconds END AS took"
                + " FROM sla_clock WHERE started_at >= ? AND started_at < ?) AS clocks"
                + " GROUP BY k, is_post, is_conversation, is_replied, is_breach, took")) {
      try (ResultSet rows = SlaJdbc.bind(select, from, to).executeQuery()) {
        while (rows.next()) {
          // Exact values only: these groups never read the rollup's.
          add(byKey.computeIfAbsent(rows.getString("k"), k -> new Group()), rows);
        }
      }
    }
  }

  /** Whether the days of {@code zone} are UTC days, which the rollup's rows are. */
  static boolean isUtc(ZoneId zone) {
    return zone.getRules().isFixedOffset()
        && zone.getRules().getOffset(Instant.EPOCH).equals(ZoneOffset.UTC);
  }

  /**
   * The clocks started in [from, to) grouped by the day (or ISO week) of {@code zone} they started
   * on: the database groups by start time, Java turns each start into its local day.
   */
  private static void readClocksByLocalDay(
      Connection connection,
      Instant from,
      Instant to,
      ZoneId zone,
      boolean week,
      Map<String, Group> byKey)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT started_at, is_post, is_conversation, is_replied, is_breach, took, COUNT(*) AS n FROM ("
                + "SELECT started_at,"
                + " CASE WHEN target IN ('first-response', 'next-response') THEN 1 ELSE 0 END AS is_post,"
                + " CASE WHEN target = 'first-response' AND state <> 'cancelled' THEN 1 ELSE 0 END AS is_conversation,"
                + " CASE WHEN target = 'first-response' AND ending = 'answered' THEN 1 ELSE 0 END AS is_replied,"
                + " CASE WHEN state = 'breached' THEN 1 ELSE 0 END AS is_breach,"
                + " CASE WHEN target = 'first-response' AND ending = 'answered' THEN took_seconds END AS took"
                + " FROM sla_clock WHERE started_at >= ? AND started_at < ?) AS clocks"
                + " GROUP BY started_at, is_post, is_conversation, is_replied, is_breach, took")) {
      try (ResultSet rows = SlaJdbc.bind(select, from, to).executeQuery()) {
        while (rows.next()) {
          LocalDate day = LocalDate.ofInstant(SlaJdbc.instant(rows, "started_at"), zone);
          String key = week ? SlaRollup.week(day) : day.toString();
          add(byKey.computeIfAbsent(key, k -> new Group()), rows);
        }
      }
    }
  }

  /** The rollup's counts and bucket counts over the whole days, into the groups by key. */
  private static void readRollup(
      Connection connection, String groupBy, WholeDays days, Map<String, Group> byKey)
      throws SQLException {
    String dimension = byDate(groupBy) ? SlaRollup.ALL : groupBy;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT started_day, val, clocks, posts, conversations, replied, breaches, took_sum FROM sla_rollup"
                + " WHERE dim = ? AND started_day >= ? AND started_day < ?")) {
      try (ResultSet rows =
          SlaJdbc.bind(select, dimension, days.firstDay(), days.endDay()).executeQuery()) {
        while (rows.next()) {
          Group group =
              rolledUpGroup(
                  byKey, groupBy, dimension, rows.getString("started_day"), rows.getString("val"));
          group.clocks += rows.getLong("clocks");
          group.posts += rows.getLong("posts");
          group.conversations += rows.getLong("conversations");
          group.replied += rows.getLong("replied");
          group.breaches += rows.getLong("breaches");
          group.rolledUpSum += rows.getLong("took_sum");
        }
      }
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT started_day, val, bucket, n FROM sla_rollup_bucket"
                + " WHERE dim = ? AND started_day >= ? AND started_day < ?")) {
      try (ResultSet rows =
          SlaJdbc.bind(select, dimension, days.firstDay(), days.endDay()).executeQuery()) {
        while (rows.next()) {
          long n = rows.getLong("n");
          if (n != 0) {
            rolledUpGroup(
                    byKey, groupBy, dimension, rows.getString("started_day"), rows.getString("val"))
                .rolledUpBuckets
                .merge(rows.getLong("bucket"), n, Long::sum);
          }
        }
      }
    }
  }

  /** Day and week groups read the rollup's dimension "all" (one value per day). */
  private static boolean byDate(String groupBy) {
    return groupBy.equals("day") || groupBy.equals("week");
  }

  /** The group a rollup row belongs to, noting the row's day as one to read exact values from. */
  private static Group rolledUpGroup(
      Map<String, Group> byKey, String groupBy, String dimension, String day, String value) {
    String key =
        switch (groupBy) {
          case "day" -> day;
          case "week" -> SlaRollup.week(LocalDate.parse(day));
          default -> SlaRollup.decode(value);
        };
    Group group = byKey.computeIfAbsent(key, k -> new Group());
    group.dimension = dimension;
    group.value = byDate(groupBy) ? "" : value;
    group.days(day);
    return group;
  }

  /**
   * On PostgreSQL, memory for this transaction's grouping: with the default 4 MB work_mem a month
   * by day (~100,000 distinct day and seconds pairs at 1M posts) was sorted on disk, 2.2 s instead
   * of 0.9 s. Reports are rare manager requests; the setting ends with the transaction.
   */
  private static void roomToGroup(Connection connection) throws SQLException {
    if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
      try (java.sql.Statement statement = connection.createStatement()) {
        statement.execute("SET LOCAL work_mem = '64MB'");
      }
    }
  }

  private static void add(Group group, ResultSet row) throws SQLException {
    long n = row.getLong("n");
    group.clocks += n;
    group.posts += row.getInt("is_post") * n;
    group.conversations += row.getInt("is_conversation") * n;
    group.replied += row.getInt("is_replied") * n;
    group.breaches += row.getInt("is_breach") * n;
    long took = row.getLong("took");
    if (!row.wasNull()) {
      group.exact.add(took, n);
    }
  }
}
