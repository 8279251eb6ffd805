package org.socialdesk.bench.sla;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.socialdesk.sla.clock.SlaClockRow;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.sla.report.SlaReport;

/**
 * The manager report over POSTS customer posts in one month: seeds March 2026 with POSTS response
 * clocks (80% first responses, one conversation each, plus its resolution clock; 20% next
 * responses), in the mix a team sees (70% answered in time, 15% answered late, 5% withdrawn, 5%
 * still overdue, 5% running), then times {@link SlaReport#compute} for the whole month grouped by
 * channel and by day, as {@code GET /api/sla/report?from=2026-03-01&to=2026-03-31&groupBy=..} runs
 * it. Drives the production SlaReport through its public constructor, not a copy.
 *
 * <p>Usage: SlaReportBench h2|postgres [POSTS] [RUNS]
 */
public final class SlaReportBench {

  static final Instant MONTH = Instant.parse("2026-03-01T00:00:00Z");
  static final Instant NEXT_MONTH = Instant.parse("2026-04-01T00:00:00Z");
  static final Duration TARGET = Duration.ofHours(1);

  private SlaReportBench() {}

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "h2";
    long posts = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    long conversations = posts * 4 / 5;
    long rows = 2 * conversations + (posts - conversations);
    try (BenchDatabase db = BenchDatabase.openWithoutRollup(kind)) {
      long seedMs = BenchClocks.insert(db.dataSource(), rows, i -> row(i, conversations));
      long upgradeMs = db.upgrade(); // the changeset builds the rollup from the seeded clocks
      db.analyze();
      System.out.printf(
          "database=%s posts=%,d conversations=%,d clock_rows=%,d seeded_in=%.1f s"
              + " rollup_built_in=%.1f s%n",
          kind, posts, conversations, rows, seedMs / 1000.0, upgradeMs / 1000.0);
      SlaReport report = new SlaReport(new SlaJdbc(db.dataSource()), SlaPolicies.BUILT_IN);
      // The month as GET ?from=2026-03-01&to=2026-03-31 asks for it (whole UTC days: the rollup
      // only), and the month in Europe/Berlin (the first and last day partial: read from the
      // clocks).
      for (Instant[] period :
          List.of(
              new Instant[] {MONTH, NEXT_MONTH},
              new Instant[] {
                MONTH.minus(Duration.ofHours(1)), NEXT_MONTH.minus(Duration.ofHours(2))
              })) {
        for (String groupBy : List.of("channel", "day", "agent")) {
          time(db, report, period, groupBy, runs);
        }
      }
      sizes(db);
    }
  }

  private static void time(
      BenchDatabase db, SlaReport report, Instant[] period, String groupBy, int runs)
      throws Exception {
    SlaReport.Result result = null;
    for (int i = 0; i < 2; i++) {
      touch(db);
      result = report.compute(period[0], period[1], groupBy); // warm-up
    }
    Histogram millis = new Histogram(600_000, 3);
    for (int i = 0; i < runs; i++) {
      touch(db);
      long start = System.nanoTime();
      result = report.compute(period[0], period[1], groupBy);
      millis.recordValue((System.nanoTime() - start) / 1_000_000);
    }
    SlaReport.Row t = result.totals();
    System.out.printf(
        "report %s..%s groupBy=%-8s runs=%d p50=%d ms max=%d ms | groups=%d posts=%,d"
            + " conversations=%,d replied=%,d rate=%.3f firstResponse{mean=%.1f median=%d p90=%d} breaches=%,d%n",
        period[0],
        period[1],
        groupBy,
        runs,
        millis.getValueAtPercentile(50),
        millis.getMaxValue(),
        result.groups().size(),
        t.posts(),
        t.conversations(),
        t.repliedConversations(),
        t.responseRate(),
        t.firstResponse().mean(),
        t.firstResponse().median(),
        t.firstResponse().p90(),
        t.breaches());
  }

  /**
   * Writes to every table the report reads, as the live clocks do all day: H2 hands back the
   * previous result of an identical query on unchanged tables, which a live table never gets.
   */
  private static void touch(BenchDatabase db) throws Exception {
    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : TOUCH) {
        statement.executeUpdate(sql);
      }
    }
  }

  private static final List<String> TOUCH =
      List.of(
          "UPDATE sla_clock SET state = state WHERE id = 1",
          "UPDATE sla_rollup SET clocks = clocks WHERE dim = 'all' AND started_day = '2026-03-15'",
          "UPDATE sla_rollup_bucket SET n = n WHERE dim = 'all' AND started_day = '2026-03-15'",
          "UPDATE sla_rollup_took SET n = n WHERE dim = 'all' AND bucket = 210 AND val = '' AND started_day = '2026-03-15'");

  /** Rows [0, C): first responses; [C, 2C): their resolution clocks; then next responses. */
  static BenchClocks.Clock row(long i, long conversations) {
    if (i < conversations) {
      return response(i, "first-response", i, conversations);
    }
    if (i < 2 * conversations) {
      return resolution(i - conversations, conversations);
    }
    long n = i - 2 * conversations;
    return response(n * 4 % conversations, "next-response", n + 7, conversations);
  }

  private static Instant started(long conversation, long conversations) {
    long monthSeconds = Duration.between(MONTH, NEXT_MONTH).toSeconds();
    return MONTH.plusSeconds(conversation * monthSeconds / conversations);
  }

  private static BenchClocks.Clock response(
      long conversation, String target, long seed, long conversations) {
    Instant started =
        started(conversation, conversations).plusSeconds(target.equals("first-response") ? 0 : 600);
    Instant due = started.plus(TARGET);
    Instant warning = started.plus(TARGET.multipliedBy(4).dividedBy(5));
    long h = (seed * 2_654_435_761L) % 100;
    String ticket = Long.toString(conversation);
    String agent = "agent-" + (seed % 20);
    int dimension = (int) conversation;
    if (h < 70) {
      long took = 60 + (seed * 37) % 3_000;
      return new BenchClocks.Clock(
          ticket,
          target,
          "default",
          started,
          due,
          warning,
          warning,
          "met",
          started.plusSeconds(took),
          SlaClockRow.ANSWERED,
          agent,
          took,
          dimension);
    }
    if (h < 85) {
      long took = 3_600 + (seed * 53) % 7_200;
      return new BenchClocks.Clock(
          ticket,
          target,
          "default",
          started,
          due,
          warning,
          due,
          "breached",
          started.plusSeconds(took),
          SlaClockRow.ANSWERED,
          agent,
          took,
          dimension);
    }
    if (h < 90) {
      return new BenchClocks.Clock(
          ticket,
          target,
          "default",
          started,
          due,
          warning,
          warning,
          "cancelled",
          started.plusSeconds(300),
          SlaClockRow.WITHDRAWN,
          null,
          null,
          dimension);
    }
    String state = h < 95 ? "breached" : "running";
    return new BenchClocks.Clock(
        ticket,
        target,
        "default",
        started,
        due,
        warning,
        state.equals("running") ? warning : due,
        state,
        null,
        null,
        null,
        null,
        dimension);
  }

  private static BenchClocks.Clock resolution(long conversation, long conversations) {
    Instant started = started(conversation, conversations);
    Instant due = started.plus(Duration.ofDays(1));
    Instant warning = started.plus(Duration.ofHours(19));
    boolean breached = conversation % 10 < 4;
    return new BenchClocks.Clock(
        Long.toString(conversation),
        "resolution",
        "default",
        started,
        due,
        warning,
        breached ? due : warning,
        breached ? "breached" : "running",
        null,
        null,
        null,
        null,
        (int) conversation);
  }

  private static void sizes(BenchDatabase db) throws Exception {
    if (!db.postgres()) {
      return;
    }
    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet size =
            statement.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('sla_clock'))")) {
      size.next();
      System.out.println("sla_clock with its indexes: " + size.getString(1));
    }
  }
}
