package org.socialdesk.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.Secret;
import org.socialdesk.host.config.DatabaseConfig;
import org.socialdesk.host.storage.Database;
import org.socialdesk.host.storage.SchemaMigrations;

/**
 * The host's changelog and the bundled plugins' apply together to one database, then re-apply as
 * no-ops.
 */
class BundledChangelogsTest {

  /**
   * The bundled plugins' changelogs, on this module's test classpath (the plugins are its
   * dependencies).
   */
  private static final List<String> PLUGIN_CHANGELOGS =
      List.of(
          "org/socialdesk/channel/changelog.yaml",
          "org/socialdesk/sentiment/changelog.yaml",
          "org/socialdesk/sla/changelog.yaml");

  @TempDir Path folder;

  @Test
  void hostAndPluginChangelogsApplyToAFreshH2AndAgainAsANoOp() throws SQLException {
    DatabaseConfig h2 =
        new DatabaseConfig(
            "jdbc:h2:file:" + folder.resolve("db/socialdesk"), "sa", Secret.of(""), 4);
    try (Database database = Database.open(h2)) {
      assertChangelogsApplyTwice(database);
    }
  }

  static void assertChangelogsApplyTwice(Database database) throws SQLException {
    SchemaMigrations migrations = new SchemaMigrations(database.dataSource());
    applyAll(migrations);
    long applied = count(database, "select count(*) from databasechangelog");
    applyAll(migrations);

    assertThat(applied).isGreaterThanOrEqualTo(1 + PLUGIN_CHANGELOGS.size());
    assertThat(count(database, "select count(*) from databasechangelog")).isEqualTo(applied);
    assertThat(count(database, "select count(*) from inbox")).isZero();
  }

  private static void applyAll(SchemaMigrations migrations) {
    ClassLoader loader = BundledChangelogsTest.class.getClassLoader();
    migrations.applyHost();
    for (String changelog : PLUGIN_CHANGELOGS) {
      migrations.apply(changelog, loader, changelog);
    }
  }

  private static long count(Database database, String sql) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
