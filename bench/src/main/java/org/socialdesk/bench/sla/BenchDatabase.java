package org.socialdesk.bench.sla;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.socialdesk.migrations.Changelogs;

/**
 * A fresh database for one SLA benchmark, with the plugin's real changelog applied and a HikariCP
 * pool as the host uses: an H2 file in a temporary folder opened with the host's H2 settings, or a
 * throw-away database on the PostgreSQL of scripts/postgres (dropped on close).
 */
final class BenchDatabase implements AutoCloseable {

  static final String CHANGELOG = "org/socialdesk/sla/changelog.yaml";

  /**
   * The plugin's changesets before the report rollup (sla-4-rollup): the database is seeded as an
   * installation that has clocks but no rollup, then {@link #upgrade()} applies the rest, so the
   * rollup is built by its changeset from the seeded clocks, as on an upgraded installation.
   */
  static final int CHANGESETS_BEFORE_ROLLUP = 4;

  /**
   * The suffix the host adds to an H2 URL (dist Database), so H2 behaves here as it does in
   * production.
   */
  private static final String H2_SETTINGS =
      ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

  final String kind;
  private final HikariDataSource pool;
  private final Runnable drop;

  private BenchDatabase(String kind, HikariDataSource pool, Runnable drop) {
    this.kind = kind;
    this.pool = pool;
    this.drop = drop;
  }

  DataSource dataSource() {
    return pool;
  }

  boolean postgres() {
    return kind.equals("postgres");
  }

  /**
   * {@code h2} or {@code postgres} (coordinates from SOCIALDESK_TEST_PG_URL/USER/PASSWORD), fully
   * migrated.
   */
  static BenchDatabase open(String kind) throws Exception {
    return open(kind, null);
  }

  /**
   * As {@link #open(String)}, with the changesets before the rollup only: seed it, then {@link
   * #upgrade()} to build the rollup from what was seeded.
   */
  static BenchDatabase openWithoutRollup(String kind) throws Exception {
    return open(kind, CHANGESETS_BEFORE_ROLLUP);
  }

  private static BenchDatabase open(String kind, Integer changesets) throws Exception {
    return switch (kind) {
      case "h2" -> openH2(changesets);
      case "postgres" -> openPostgres(changesets);
      default -> throw new IllegalArgumentException("database must be h2 or postgres, got " + kind);
    };
  }

  private static BenchDatabase openH2(Integer changesets) throws Exception {
    Path folder = Files.createTempDirectory("socialdesk-sla-bench");
    String url = "jdbc:h2:file:" + folder.resolve("sla") + H2_SETTINGS;
    HikariDataSource pool = pool(url, "sa", "");
    migrate(pool, changesets);
    return new BenchDatabase("h2", pool, () -> deleteTree(folder));
  }

  private static BenchDatabase openPostgres(Integer changesets) throws Exception {
    String admin = System.getenv("SOCIALDESK_TEST_PG_URL");
    if (admin == null) {
      throw new IllegalStateException(
          "SOCIALDESK_TEST_PG_URL is not set: source scripts/postgres/env.sh");
    }
    String user = System.getenv("SOCIALDESK_TEST_PG_USER");
    String password = System.getenv("SOCIALDESK_TEST_PG_PASSWORD");
    String name =
        "socialdesk_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    execute(admin, user, password, "create database " + name);
    // reWriteBatchedInserts turns a JDBC batch into multi-row INSERTs: the seeding takes seconds.
    String url =
        admin.substring(0, admin.lastIndexOf('/') + 1) + name + "?reWriteBatchedInserts=true";
    HikariDataSource pool = pool(url, user, password);
    migrate(pool, changesets);
    if (System.getenv("SLA_BENCH_KEEP") != null) { // to look at plans afterwards with psql
      System.out.println("keeping database " + name + " (SLA_BENCH_KEEP)");
      return new BenchDatabase("postgres", pool, () -> {});
    }
    return new BenchDatabase("postgres", pool, () -> drop(admin, user, password, name));
  }

  /** Drops the bench database; autovacuum may still be on it after a bulk load, so a few tries. */
  private static void drop(String admin, String user, String password, String name) {
    for (int attempt = 1; ; attempt++) {
      try {
        execute(admin, user, password, "drop database if exists " + name);
        return;
      } catch (SQLException e) {
        if (attempt == 10) {
          System.err.println("could not drop " + name + ": " + e.getMessage());
          return;
        }
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static HikariDataSource pool(String url, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  private static void execute(String url, String user, String password, String sql)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Applies the rest of the changelog (the rollup, built from the rows seeded); returns the
   * milliseconds.
   */
  long upgrade() throws Exception {
    long start = System.nanoTime();
    migrate(pool, null);
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Applies the first {@code count} changesets, or all when null. */
  private static void migrate(DataSource dataSource, Integer count) {
    Logger.getLogger("liquibase").setLevel(Level.WARNING);
    ClassLoader resources = BenchDatabase.class.getClassLoader();
    if (count == null) {
      Changelogs.apply(dataSource, CHANGELOG, resources);
    } else {
      Changelogs.applyFirst(dataSource, CHANGELOG, resources, count);
    }
  }

  /** Fresh planner statistics after a bulk load, as autovacuum would gather them soon after. */
  void analyze() throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE"); // the same statement on H2 and PostgreSQL
    }
  }

  private static void deleteTree(Path folder) {
    try (var paths = Files.walk(folder)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("could not delete " + folder + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    pool.close();
    drop.run();
  }
}
