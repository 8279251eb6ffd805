package org.socialdesk.bench.sla;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.sla.clock.SlaTicker;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.config.SlaConfig;
import org.socialdesk.sla.config.SlaEscalationConfig;
import org.socialdesk.sla.config.SlaPolicyConfig;
import org.socialdesk.sla.policy.SlaPolicies;

/**
 * The SLA tick with many open clocks: seeds OPEN running clocks (half first-response, half
 * resolution, none due), then times {@link SlaTicker#tick()} as the plugin calls it once a second:
 * first with nothing due, then with DUE first-response clocks made due before each tick (each
 * becomes warned and writes its alert row). It measures the production SlaTicker, built through its
 * public constructor, not a copy.
 *
 * <p>Usage: SlaTickBench h2|postgres [OPEN] [IDLE_TICKS] [DUE] [DUE_TICKS]
 */
public final class SlaTickBench {

  static final Instant NOW = Instant.parse("2026-03-16T12:00:00Z");

  /** Long targets, so every seeded clock is open and its next check in the future. */
  static final Duration FIRST = Duration.ofDays(2);

  static final Duration RESOLUTION = Duration.ofDays(10);

  private SlaTickBench() {}

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "h2";
    long open = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    int idleTicks = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    int due = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
    int dueTicks = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    SlaPolicies policies =
        new SlaConfig(
                null,
                null,
                null,
                List.of(
                    new SlaPolicyConfig("default", null, "24x7", FIRST, FIRST, RESOLUTION, null)),
                null,
                null)
            .slaPolicies();
    try (BenchDatabase db = BenchDatabase.openWithoutRollup(kind)) {
      long seedMs = BenchClocks.insert(db.dataSource(), open, SlaTickBench::openClock);
      db.upgrade(); // the rollup built from the seeded clocks, so breaches the tick marks update
      // real rows
      db.analyze();
      System.out.printf(
          "database=%s open_clocks=%,d seeded_in=%.1f s%n", kind, open, seedMs / 1000.0);
      SlaTicker ticker =
          new SlaTicker(
              new SlaJdbc(db.dataSource()),
              policies,
              SlaEscalationConfig.DEFAULTS,
              false,
              new NoEvents(),
              Clock.fixed(NOW, ZoneOffset.UTC));
      Histogram idle = idleTicks(ticker, idleTicks);
      print("tick, nothing due", idle, idleTicks);
      Histogram busy = dueTicks(db, ticker, due, dueTicks);
      print("tick, " + due + " due", busy, dueTicks);
      idle = idleTicks(ticker, idleTicks);
      print("tick, nothing due, after", idle, idleTicks);
      explain(db);
    }
  }

  /**
   * Row i: ticket i/2, first-response when i is even, else resolution; started within the last 36
   * h.
   */
  static BenchClocks.Clock openClock(long i) {
    boolean first = i % 2 == 0;
    Instant started = NOW.minusSeconds(1 + (i * 7) % (36 * 3600));
    Duration target = first ? FIRST : RESOLUTION;
    Instant warning = started.plusMillis((long) (target.toMillis() * 0.8));
    return new BenchClocks.Clock(
        Long.toString(1_000_000 + i / 2),
        first ? "first-response" : "resolution",
        "default",
        started,
        started.plus(target),
        warning,
        warning,
        "running",
        null,
        null,
        null,
        null,
        (int) (i / 2));
  }

  private static Histogram idleTicks(SlaTicker ticker, int ticks) {
    for (int i = 0; i < Math.min(50, ticks); i++) {
      ticker.tick(); // warm-up: JIT, pool, plan cache
    }
    Histogram micros = new Histogram(60_000_000L, 3);
    for (int i = 0; i < ticks; i++) {
      long start = System.nanoTime();
      int alerts = ticker.tick().size();
      micros.recordValue((System.nanoTime() - start) / 1_000);
      if (alerts != 0) {
        throw new IllegalStateException("a tick with nothing due raised " + alerts + " alerts");
      }
    }
    return micros;
  }

  /**
   * Before each timed tick, DUE first-response clocks of a fresh range are moved to have warned by
   * now.
   */
  private static Histogram dueTicks(BenchDatabase db, SlaTicker ticker, int due, int ticks)
      throws Exception {
    Histogram micros = new Histogram(600_000_000L, 3);
    for (int round = 0; round < ticks; round++) {
      makeDue(db, 1 + 2L * due * round, due);
      long start = System.nanoTime();
      int alerts = ticker.tick().size();
      micros.recordValue((System.nanoTime() - start) / 1_000);
      if (alerts != due) {
        throw new IllegalStateException("expected " + due + " warnings, the tick raised " + alerts);
      }
    }
    return micros;
  }

  /**
   * The first-response clocks among ids [firstId, firstId + 2*due): started 1.7 days ago, so past
   * their warning.
   */
  private static void makeDue(BenchDatabase db, long firstId, int due) throws Exception {
    Instant started = NOW.minus(Duration.ofHours(41));
    Instant warning = started.plusMillis((long) (FIRST.toMillis() * 0.8));
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE sla_clock SET started_at = ?, warning_at = ?, next_check_at = ?, due_at = ?"
                    + " WHERE id >= ? AND id < ? AND target = 'first-response'")) {
      int changed =
          SlaJdbc.bind(
                  update,
                  started,
                  warning,
                  warning,
                  started.plus(FIRST),
                  firstId,
                  firstId + 2L * due)
              .executeUpdate();
      if (changed != due) {
        throw new IllegalStateException("made " + changed + " clocks due, wanted " + due);
      }
    }
  }

  private static void print(String label, Histogram micros, int ticks) {
    System.out.printf(
        "%-28s ticks=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms%n",
        label,
        ticks,
        micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(90) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0,
        micros.getMaxValue() / 1000.0);
  }

  /** The plan of the tick's claim query (its running range) with nothing due, for the record. */
  private static void explain(BenchDatabase db) throws Exception {
    String claim =
        "SELECT id FROM sla_clock WHERE state = 'running' AND next_check_at <= "
            + (db.postgres()
                ? "'2026-03-16T12:00:00Z'::timestamptz"
                : "TIMESTAMP WITH TIME ZONE '2026-03-16 12:00:00Z'")
            + " ORDER BY next_check_at LIMIT 100 FOR UPDATE SKIP LOCKED";
    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet plan =
            statement.executeQuery(
                (db.postgres() ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ANALYZE ") + claim)) {
      System.out.println("plan of the claim query:");
      while (plan.next()) {
        System.out.println("  " + plan.getString(1).replace("\n", "\n  "));
      }
    }
  }

  /** The bench has no listeners: published alerts go nowhere. */
  private static final class NoEvents implements EventBus {
    @Override
    public void publish(SocialdeskEvent event) {}

    @Override
    public <E extends SocialdeskEvent> Subscription subscribe(
        Class<E> type, java.util.function.Consumer<? super E> l) {
      return () -> {};
    }
  }
}
