package org.socialdesk.host.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.Secret;
import org.socialdesk.host.config.DatabaseConfig;

class SchemaMigrationsTest {

  @TempDir Path folder;

  @Test
  void theHostChangelogAppliesToAFreshH2AndAgainAsANoOp() throws SQLException {
    try (Database database = Database.open(h2())) {
      SchemaMigrations migrations = new SchemaMigrations(database.dataSource());
      migrations.applyHost();
      long applied = count(database, "select count(*) from databasechangelog");
      migrations.applyHost();

      assertThat(applied).isPositive();
      assertThat(count(database, "select count(*) from databasechangelog")).isEqualTo(applied);
      assertThat(count(database, "select count(*) from inbox")).isZero();
    }
  }

  @Test
  void aBrokenChangelogIsReportedWithItsOwner() {
    try (Database database = Database.open(h2())) {
      SchemaMigrations migrations = new SchemaMigrations(database.dataSource());

      assertThatThrownBy(
              () ->
                  migrations.apply(
                      "no/such/changelog.yaml", getClass().getClassLoader(), "plugin demo"))
          .isInstanceOf(SchemaMigrations.SchemaException.class)
          .hasMessageStartingWith("cannot apply the plugin demo schema (no/such/changelog.yaml)");
    }
  }

  private DatabaseConfig h2() {
    return new DatabaseConfig(
        "jdbc:h2:file:" + folder.resolve("db/socialdesk"), "sa", Secret.of(""), 4);
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
