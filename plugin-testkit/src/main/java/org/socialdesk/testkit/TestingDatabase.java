package org.socialdesk.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.socialdesk.migrations.Changelogs;

/**
 * In-memory H2 databases with a plugin's real Liquibase changelog applied, as the host applies it
 * at start. The changelog is a class-path resource such as {@code
 * org/socialdesk/channel/changelog.yaml}.
 */
public final class TestingDatabase {

  private static final Map<String, DataSource> SHARED = new ConcurrentHashMap<>();

  private TestingDatabase() {}

  /** A fresh database of its own, with {@code changelogResource} applied. */
  public static DataSource create(String changelogResource) {
    Objects.requireNonNull(changelogResource, "changelogResource");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:testkit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    migrate(h2, changelogResource);
    return h2;
  }

  /**
   * Applies {@code changelogResource} to {@code dataSource}, as the host applies a plugin's schema:
   * only the change sets not applied yet run.
   */
  public static void migrate(DataSource dataSource, String changelogResource) {
    Logger.getLogger("liquibase").setLevel(Level.WARNING);
    Changelogs.apply(dataSource, changelogResource, classLoader());
  }

  /**
   * One database per changelog for the whole test JVM (Liquibase takes a while per database), with
   * the rows of {@code tablesToEmpty} deleted on every call. Tests using it must not run in
   * parallel with each other.
   */
  public static DataSource shared(String changelogResource, String... tablesToEmpty) {
    DataSource shared = SHARED.computeIfAbsent(changelogResource, TestingDatabase::create);
    try (Connection connection = shared.getConnection();
        Statement delete = connection.createStatement()) {
      for (String table : tablesToEmpty) {
        delete.executeUpdate("delete from " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty " + String.join(", ", tablesToEmpty), e);
    }
    return shared;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : TestingDatabase.class.getClassLoader();
  }
}
