package org.socialdesk.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throw-away database, with a plugin's changelog applied, on the PostgreSQL that the project's
 * scripts/postgres installs (coordinates from {@code SOCIALDESK_TEST_PG_URL}, {@code _USER}, {@code
 * _PASSWORD}). Without them a test is skipped on a developer's machine but fails on CI, where
 * skipping would hide a missing install step. Closing it drops the database.
 */
public final class TestingPostgres implements AutoCloseable {

  /** SQLSTATE of "must be a member of the role whose process is being terminated". */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private final String adminUrl;
  private final String user;
  private final String password;
  private final String name;
  private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

  private TestingPostgres(String adminUrl, String user, String password) throws SQLException {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
    this.name = "socialdesk_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("create database " + name);
    dataSource.setUrl(adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name);
    dataSource.setUser(user);
    dataSource.setPassword(password);
  }

  /** A fresh database with {@code changelogResource} applied. */
  public static TestingPostgres create(String changelogResource) throws SQLException {
    TestingPostgres postgres = createEmpty();
    TestingDatabase.migrate(postgres.dataSource, changelogResource);
    return postgres;
  }

  /** A fresh, empty database, for code that applies its own schema (the host does). */
  public static TestingPostgres createEmpty() throws SQLException {
    String url = System.getenv("SOCIALDESK_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(
            "SOCIALDESK_TEST_PG_URL is not set on CI: run the tests with scripts/test.sh");
      }
      Assumptions.assumeTrue(
          false, "PostgreSQL not configured (source scripts/postgres/env.sh); skipped outside CI");
    }
    return new TestingPostgres(
        url,
        System.getenv("SOCIALDESK_TEST_PG_USER"),
        System.getenv("SOCIALDESK_TEST_PG_PASSWORD"));
  }

  /** The JDBC URL of this database. */
  public String url() {
    return dataSource.getUrl();
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        execute("drop database if exists " + name + " with (force)");
        return;
      } catch (SQLException e) {
        // An autovacuum worker (another role) on the database makes FORCE fail; it is gone soon.
        if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState()) || attempt == 50) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
