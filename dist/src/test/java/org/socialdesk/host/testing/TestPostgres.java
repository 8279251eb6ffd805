package org.socialdesk.host.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.socialdesk.api.Secret;
import org.socialdesk.host.config.DatabaseConfig;

/**
 * A throw-away database on the PostgreSQL that scripts/postgres installs. Without its
 * coordinates the test is skipped on a developer's machine, but fails on CI, where skipping would
 * hide a missing install step.
 */
public final class TestPostgres implements AutoCloseable {

  private final String adminUrl;
  private final String user;
  private final String password;
  private final String database;

  private TestPostgres(String adminUrl, String user, String password) throws SQLException {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
    this.database = "socialdesk_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
    }
  }

  public static TestPostgres create() throws SQLException {
    String url = System.getenv("SOCIALDESK_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException("SOCIALDESK_TEST_PG_URL is not set on CI: run the tests with scripts/test.sh");
      }
      assumeTrue(false, "PostgreSQL not configured (source scripts/postgres/env.sh); skipped outside CI");
    }
    return new TestPostgres(url, System.getenv("SOCIALDESK_TEST_PG_USER"), System.getenv("SOCIALDESK_TEST_PG_PASSWORD"));
  }

  public DatabaseConfig config() {
    String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
    return new DatabaseConfig(url, user, Secret.of(password), 4);
  }

  @Override
  public void close() throws SQLException {
    try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
  }
}
