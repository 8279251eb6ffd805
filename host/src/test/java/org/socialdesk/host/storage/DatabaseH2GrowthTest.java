package org.socialdesk.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.Secret;
import org.socialdesk.host.config.DatabaseConfig;

/** The embedded H2 file under repeated unclean stops, as kill -9 leaves it. */
class DatabaseH2GrowthTest {

  @TempDir Path folder;

  @Test
  void theFileDoesNotKeepGrowingAcrossUncleanStops() throws Exception {
    DatabaseConfig config =
        new DatabaseConfig("jdbc:h2:file:" + folder.resolve("db"), "sa", Secret.of(""), 2);
    Path file = folder.resolve("db.mv.db");
    long afterSecondRun = 0;
    for (int run = 1; run <= 6; run++) {
      Database.compactEmbeddedFile(config); // as the server does at every start
      // One plain connection, not the pool: a pool may reconnect between the stop and its own close
      // and then close the database cleanly, which compacts it and hides what a kill -9 leaves.
      try (Connection connection =
          DriverManager.getConnection(Database.h2Compatible(config.url()), "sa", "")) {
        churn(connection, run);
        stopUncleanly(connection);
      }
      if (run == 2) {
        afterSecondRun = Files.size(file);
      }
    }
    assertThat(Files.size(file))
        .as("bytes after 6 unclean stops, against %d after 2", afterSecondRun)
        .isLessThan(afterSecondRun * 3 / 2);
  }

  /** A run's work: rows come, change and go, one commit each, as the inbox's do. */
  private static void churn(Connection connection, int run) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "create table if not exists churn (id bigint primary key, payload varchar)");
    }
    try (PreparedStatement insert =
        connection.prepareStatement("insert into churn values (?, ?)")) {
      for (int i = 0; i < 1000; i++) {
        insert.setLong(1, run * 100_000L + i);
        insert.setString(2, "x".repeat(500) + i);
        insert.executeUpdate();
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("delete from churn where id < " + run * 100_000L);
    }
  }

  /** Stops H2 without compacting or tidying anything, as a SIGKILL would. */
  private static void stopUncleanly(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN IMMEDIATELY");
    } catch (SQLException expected) {
      // the database goes away under the statement
    }
  }
}
