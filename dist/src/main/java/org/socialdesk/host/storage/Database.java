package org.socialdesk.host.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
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

  private static void createH2Folder(String url) {
    if (!url.startsWith("jdbc:h2:file:")) {
      return;
    }
    String path = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
    Path parent = Path.of(path).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create the database folder " + parent + ": " + e.getMessage(), e);
    }
  }
}
