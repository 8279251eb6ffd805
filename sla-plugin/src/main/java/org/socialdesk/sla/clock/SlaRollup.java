package org.socialdesk.sla.clock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.socialdesk.sla.common.SlaJdbc;

/**
 * The report's figures summed per UTC day (the clock's {@code started_day}) and per value of each
 * dimension, kept current by every write that changes what the report counts, in that write's
 * transaction: {@link SlaClockEvents} (a clock started, answered or withdrawn) and {@link
 * SlaTicker} (a clock breached). A report over whole days then reads a few thousand rollup rows
 * instead of every clock (on H2, 1.8M clock rows took 6 s; see docs/benchmarks.md).
 *
 * <p>Three tables, each keyed by (dimension, day, value):
 *
 * <ul>
 *   <li>{@code sla_rollup}: counts of clocks, posts, conversations, replied conversations, breaches
 *       and the sum of first-response seconds (the mean);
 *   <li>{@code sla_rollup_bucket}: how many first responses fell in each {@link #bucket} (about 10
 *       % wide), so the report finds which bucket holds the median or the 90th percentile;
 *   <li>{@code sla_rollup_took}: the exact first-response seconds with their counts, keyed by
 *       bucket first, so the report reads only the one bucket holding a wanted rank. Percentiles
 *       stay exact nearest-rank values, as when the report read every clock.
 * </ul>
 *
 * <p>A null value (no sentiment, nobody answered yet) is stored as {@code ''} and a known one with
 * a {@code =} prefix, so that the value can be part of a primary key (an upsert's conflict target
 * needs one; NULLs never conflict) and still be told apart from a known empty value. The dimension
 * {@code all} has the single value {@code ''}: the day and week reports and the totals' percentiles
 * read it.
 *
 * <p>Concurrency: a transaction collects its changes in {@link Changes} and writes them as its last
 * statements, in one global order (table, then key), so two transactions never wait on each other's
 * rollup rows in opposite orders and cannot deadlock on them; the clock and ticket rows they lock
 * come before. PostgreSQL upserts with {@code INSERT .. ON CONFLICT DO UPDATE}, atomic between
 * instances. H2 (embedded, one process) has no {@code DO UPDATE}: it merges, and a merge that lost
 * a race to insert the same new row (H2 waits for the winner, then reports a duplicate key) is run
 * again and now adds to the winner's row; H2 undoes only the failed statement, not the transaction.
 */
public final class SlaRollup {

  /** The dimensions kept, in the order their rows are written. */
  static final List<String> DIMENSIONS =
      List.of("agent", "all", "channel", "influence", "language", "queue", "sentiment");

  public static final String ALL = "all";

  private SlaRollup() {}

  /**
   * The report's dimensions of one clock, as stored on its row.
   *
   * @param day the UTC date it started, {@code 2026-03-10}
   * @param agent who answered it; null until answered
   */
  record Dimensions(
      String day,
      String channel,
      String queue,
      String agent,
      String sentiment,
      String influence,
      String language) {

    static final String COLUMNS =
        "started_day, channel, queue, agent, sentiment, influence, language";

    static Dimensions read(ResultSet rows) throws SQLException {
      return new Dimensions(
          rows.getString("started_day"),
          rows.getString("channel"),
          rows.getString("queue"),
          rows.getString("agent"),
          rows.getString("sentiment"),
          rows.getString("influence"),
          rows.getString("language"));
    }

    Dimensions answeredBy(String who) {
      return new Dimensions(day, channel, queue, who, sentiment, influence, language);
    }

    /** The stored value of {@code dimension} ({@link #encode}d). */
    String stored(String dimension) {
      return encode(
          switch (dimension) {
            case "agent" -> agent;
            case "channel" -> channel;
            case "influence" -> influence;
            case "language" -> language;
            case "queue" -> queue;
            case "sentiment" -> sentiment;
            case ALL -> null;
            default -> throw new IllegalArgumentException("unknown dimension " + dimension);
          });
    }
  }

  /**
   * What one clock adds to the report, by the same rules as the report's query over raw rows.
   *
   * @param took the first-response business seconds when it counts as replied, else null
   */
  record Counted(
      Dimensions dimensions,
      boolean post,
      boolean conversation,
      boolean replied,
      boolean breach,
      Long took) {

    static Counted of(
        String target, String state, String ending, Long tookSeconds, Dimensions dimensions) {
      boolean response = target.equals("first-response") || target.equals("next-response");
      boolean first = target.equals("first-response");
      boolean replied = first && SlaClockRow.ANSWERED.equals(ending);
      return new Counted(
          dimensions,
          response,
          first && !state.equals("cancelled"),
          replied,
          state.equals("breached"),
          replied ? tookSeconds : null);
    }
  }

  /** The ISO week of a UTC date as the clocks store and the report shows it, {@code 2026-W11}. */
  public static String week(LocalDate day) {
    return String.format(
        Locale.ROOT,
        "%d-W%02d",
        day.get(IsoFields.WEEK_BASED_YEAR),
        day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  static String encode(String value) {
    return value == null ? "" : "=" + value;
  }

  public static String decode(String stored) {
    return stored.isEmpty() ? null : stored.substring(1);
  }

  /**
   * The histogram bucket of a number of seconds: the value itself below 100, else its digit count
   * and first two digits (100..109 is one bucket, 1,000..1,099 another, 86,000..86,999 another), so
   * a bucket is at most 10 % wide and a month's first responses fill about 150 of them. Ordered as
   * the values are. The changeset that builds the rollup computes the same in SQL.
   */
  public static long bucket(long seconds) {
    if (seconds < 100) {
      return seconds;
    }
    String digits = Long.toString(seconds);
    return (digits.length() - 2) * 90L + Long.parseLong(digits.substring(0, 2));
  }

  /** One transaction's changes to the rollup, written by {@link #flush} as its last statements. */
  static final class Changes {
    private static final int CLOCKS = 0;
    private static final int POSTS = 1;
    private static final int CONVERSATIONS = 2;
    private static final int REPLIED = 3;
    private static final int BREACHES = 4;
    private static final int TOOK_SUM = 5;

    private record Key(String dimension, String day, String value) {}

    private record TookKey(Key key, long took) {}

    private record BucketKey(Key key, long bucket) {}

    private static final Comparator<Key> KEY_ORDER =
        Comparator.comparing(Key::dimension).thenComparing(Key::day).thenComparing(Key::value);

    private final TreeMap<Key, long[]> counts = new TreeMap<>(KEY_ORDER);
    private final TreeMap<TookKey, Long> took =
        new TreeMap<>(
            Comparator.comparing(TookKey::key, KEY_ORDER).thenComparingLong(TookKey::took));

    void started(Counted clock) {
      add(clock, 1);
    }

    void changed(Counted before, Counted after) {
      add(before, -1);
      add(after, 1);
    }

    private void add(Counted clock, int sign) {
      for (String dimension : DIMENSIONS) {
        Key key =
            new Key(dimension, clock.dimensions().day(), clock.dimensions().stored(dimension));
        long[] delta = counts.computeIfAbsent(key, k -> new long[6]);
        delta[CLOCKS] += sign;
        delta[POSTS] += clock.post() ? sign : 0;
        delta[CONVERSATIONS] += clock.conversation() ? sign : 0;
        delta[REPLIED] += clock.replied() ? sign : 0;
        delta[BREACHES] += clock.breach() ? sign : 0;
        if (clock.took() != null) {
          delta[TOOK_SUM] += sign * clock.took();
          took.merge(new TookKey(key, clock.took()), (long) sign, Long::sum);
        }
      }
    }

    /**
     * Writes the changes that do not cancel out: counts, then buckets, then exact seconds, each in
     * key order.
     */
    void flush(Connection connection) throws SQLException {
      List<Object[]> countRows = new ArrayList<>();
      counts.forEach(
          (key, delta) -> {
            if (Arrays.stream(delta).anyMatch(n -> n != 0)) {
              countRows.add(
                  new Object[] {
                    key.dimension(),
                    key.day(),
                    key.value(),
                    delta[CLOCKS],
                    delta[POSTS],
                    delta[CONVERSATIONS],
                    delta[REPLIED],
                    delta[BREACHES],
                    delta[TOOK_SUM]
                  });
            }
          });
      TreeMap<BucketKey, Long> buckets =
          new TreeMap<>(
              Comparator.comparing(BucketKey::key, KEY_ORDER).thenComparingLong(BucketKey::bucket));
      List<Object[]> tookRows = new ArrayList<>();
      took.forEach(
          (key, n) -> {
            if (n != 0) {
              long bucket = bucket(key.took());
              Key k = key.key();
              buckets.merge(new BucketKey(k, bucket), n, Long::sum);
              tookRows.add(new Object[] {k.dimension(), bucket, k.value(), k.day(), key.took(), n});
            }
          });
      List<Object[]> bucketRows = new ArrayList<>();
      buckets.forEach(
          (key, n) -> {
            if (n != 0) {
              bucketRows.add(
                  new Object[] {
                    key.key().dimension(), key.key().day(), key.key().value(), key.bucket(), n
                  });
            }
          });
      Dialect dialect = Dialect.of(connection);
      COUNTS.upsert(connection, dialect, countRows);
      BUCKETS.upsert(connection, dialect, bucketRows);
      TOOK.upsert(connection, dialect, tookRows);
      counts.clear();
      took.clear();
    }
  }

  private enum Dialect {
    H2,
    POSTGRES;

    static Dialect of(Connection connection) throws SQLException {
      return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()) ? POSTGRES : H2;
    }
  }

  /** A rollup table: key columns, and counter columns that an upsert adds to. */
  private record Table(String name, List<String> keys, List<String> counters) {

    void upsert(Connection connection, Dialect dialect, List<Object[]> rows) throws SQLException {
      if (rows.isEmpty()) {
        return;
      }
      if (dialect == Dialect.POSTGRES) {
        try (PreparedStatement upsert = connection.prepareStatement(postgresSql())) {
          for (Object[] row : rows) {
            SlaJdbc.bind(upsert, row).addBatch();
          }
          upsert.executeBatch(); // one round trip; ON CONFLICT is atomic between instances
        }
      } else {
        try (PreparedStatement merge = connection.prepareStatement(h2Sql())) {
          for (Object[] row : rows) {
            mergeH2(SlaJdbc.bind(merge, row));
          }
        }
      }
    }

    /** Another transaction inserted the same new row first: merge again, now into its row. */
    private static void mergeH2(PreparedStatement merge) throws SQLException {
      for (int attempt = 1; ; attempt++) {
        try {
          merge.executeUpdate();
          return;
        } catch (SQLException e) {
          if (attempt == 3 || !SlaJdbc.isUniqueViolation(e)) {
            throw e;
          }
        }
      }
    }

    private List<String> columns() {
      List<String> all = new ArrayList<>(keys);
      all.addAll(counters);
      return all;
    }

    private String postgresSql() {
      List<String> adds =
          counters.stream().map(c -> c + " = " + name + "." + c + " + EXCLUDED." + c).toList();
      return "INSERT INTO "
          + name
          + " ("
          + String.join(", ", columns())
          + ") VALUES ("
          + String.join(", ", columns().stream().map(c -> "?").toList())
          + ") ON CONFLICT ("
          + String.join(", ", keys)
          + ") DO UPDATE SET "
          + String.join(", ", adds);
    }

    private String h2Sql() {
      List<String> on = keys.stream().map(c -> "t." + c + " = s." + c).toList();
      List<String> adds = counters.stream().map(c -> c + " = t." + c + " + s." + c).toList();
      return "MERGE INTO "
          + name
          + " t USING (VALUES ("
          + String.join(", ", columns().stream().map(c -> "?").toList())
          + ")) s("
          + String.join(", ", columns())
          + ") ON "
          + String.join(" AND ", on)
          + " WHEN MATCHED THEN UPDATE SET "
          + String.join(", ", adds)
          + " WHEN NOT MATCHED THEN INSERT ("
          + String.join(", ", columns())
          + ") VALUES ("
          + String.join(", ", columns().stream().map(c -> "s." + c).toList())
          + ")";
    }
  }

  private static final Table COUNTS =
      new Table(
          "sla_rollup",
          List.of("dim", "started_day", "val"),
          List.of("clocks", "posts", "conversations", "replied", "breaches", "took_sum"));
  private static final Table BUCKETS =
      new Table("sla_rollup_bucket", List.of("dim", "started_day", "val", "bucket"), List.of("n"));
  private static final Table TOOK =
      new Table(
          "sla_rollup_took", List.of("dim", "bucket", "val", "started_day", "took"), List.of("n"));
}
