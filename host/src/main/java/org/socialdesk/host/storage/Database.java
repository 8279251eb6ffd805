package org.socialdesk.host.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.socialdesk.host.config.DatabaseConfig;

/** The pooled connection to the host's database. */
public final class Database implements AutoCloseable {

  private final HikariDataSource pool;
  private final boolean postgres;

  private Database(HikariDataSource pool, boolean postgres) {
    this.pool = pool;
    this.postgres = postgres;
  }

  public static Database open(DatabaseConfig config) {
    createH2Folder(config.url());
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("socialdesk");
    hikari.setJdbcUrl(h2Compatible(config.url()));
    hikari.setUsername(config.username());
    hikari.setPassword(config.password().reveal());
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    hikari.setInitializationFailTimeout(Duration.ofSeconds(10).toMillis());
    return new Database(new HikariDataSource(hikari), config.isPostgres());
  }

  public DataSource dataSource() {
    return pool;
  }

  public boolean isPostgres() {
    return postgres;
  }

  /** Whether a connection can be had and answers within a second. */
  public boolean isReachable() {
    try (Connection connection = pool.getConnection()) {
      return connection.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /**
   * H2 is told to behave like PostgreSQL, so that one dialect of SQL runs on both; to write each
   * commit to its file at once (by default it waits up to 500 ms, and a SIGKILL in that window
   * loses posts already acknowledged to the network); and to close only when the pool does.
   */
  static String h2Compatible(String url) {
    if (!url.startsWith("jdbc:h2:") || url.contains("MODE=")) {
      return url;
    }
    return url + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
  }

  /**
   * Compacts an embedded H2 file; the server does it at start, before it opens the pool (never
   * while another pool of this process has the file open: the compaction shuts the database down).
   * With WRITE_DELAY=0 H2 runs no background housekeeping, so space freed while it runs is given
   * back only when it closes cleanly; after a kill -9 the file kept all of it, and grew run after
   * run (753 MB seen). Compacting at start bounds the file to about what the last run wrote; its
   * cost grows with the file, which is one reason production runs on PostgreSQL.
   */
  public static void compactEmbeddedFile(DatabaseConfig config) {
    createH2Folder(config.url());
    if (!config.url().startsWith("jdbc:h2:file:")) {
      return;
    }
    try (Connection connection =
            DriverManager.getConnection(
                h2Compatible(config.url()), config.username(), config.password().reveal());
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN COMPACT");
    } catch (SQLException e) {
      // Not fatal: the pool opens the database anyway and reports what is really wrong.
      LoggerFactory.getLogger(Database.class)
          .atWarn()
          .log("Could not compact the H2 database at start: {}", e.getMessage());
    }
  }

  private static void createH2Folder(String url) {
    if (!url.startsWith("jdbc:h2:file:")) {
      return;
    }
    String path = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
    Path parent = Path.of(path).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot create the database folder " + parent + ": " + e.getMessage(), e);
    }
  }
}
