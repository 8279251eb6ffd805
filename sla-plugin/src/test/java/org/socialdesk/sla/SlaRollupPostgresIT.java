package org.socialdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The rollup on the real PostgreSQL of scripts/postgres, where it upserts with ON CONFLICT:
 * writers on several connections at once (as two instances would be) touching the same rollup
 * rows neither deadlock nor lose a change, and the changeset's SQL builds the same rollup there.
 * Skipped without SOCIALDESK_TEST_PG_URL on a developer's machine, failed on CI.
 */
class SlaRollupPostgresIT {

  private static final long SEED = 20_261_123L;

  private String adminUrl;
  private String user;
  private String password;
  private String database;

  @Test
  void concurrentWritersOnPostgresKeepTheRollupEqualToTheClocks() throws Exception {
    PGSimpleDataSource dataSource = freshDatabase();
    List<SlaRollupScenario> writers = new ArrayList<>();
    List<Callable<Void>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      SlaRollupScenario writer = new SlaRollupScenario(dataSource, SEED + 20 + i, "w" + i + "-");
      writers.add(writer);
      runs.add(() -> {
        writer.run(150);
        return null;
      });
    }
    try (var threads = Executors.newFixedThreadPool(runs.size())) {
      for (var result : threads.invokeAll(runs)) {
        result.get();
      }
    }

    SlaJdbc jdbc = writers.getFirst().jdbc;
    SlaReport report = new SlaReport(jdbc, writers.getFirst().policies);
    for (Instant[] period : List.of(
        new Instant[] {SlaRollupScenario.START.minus(Duration.ofDays(1)), SlaRollupScenario.START.plus(Duration.ofDays(9))},
        new Instant[] {Instant.parse("2026-03-08T23:00:00Z"), Instant.parse("2026-03-10T23:00:00Z")})) {
      for (String groupBy : SlaReport.GROUP_COLUMNS.keySet()) {
        assertThat(report.compute(period[0], period[1], groupBy)).as(groupBy)
            .isEqualTo(SlaRollupScenario.oracle(jdbc, period[0], period[1], groupBy));
      }
    }
  }

  @Test
  void theChangesetBuildsOnPostgresTheRollupTheWritersKeep() throws Exception {
    PGSimpleDataSource dataSource = freshDatabase();
    new SlaRollupScenario(dataSource, SEED + 3, "t").run(200);
    List<String> kept;
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      kept = SlaRollupScenario.rollupRows(connection);
      statement.execute("DELETE FROM sla_rollup");
      statement.execute("DELETE FROM sla_rollup_bucket");
      statement.execute("DELETE FROM sla_rollup_took");
      statement.execute("DELETE FROM databasechangelog WHERE id = 'sla-4-rollup-build'");
    }
    migrate(dataSource);

    try (Connection connection = dataSource.getConnection()) {
      assertThat(kept).hasSizeGreaterThan(100);
      assertThat(SlaRollupScenario.rollupRows(connection)).isEqualTo(kept);
    }
  }

  private PGSimpleDataSource freshDatabase() throws Exception {
    adminUrl = System.getenv("SOCIALDESK_TEST_PG_URL");
    if (adminUrl == null || adminUrl.isBlank()) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException("SOCIALDESK_TEST_PG_URL is not set on CI: run the tests with scripts/test.sh");
      }
      assumeTrue(false, "PostgreSQL not configured (source scripts/postgres/env.sh); skipped outside CI");
    }
    user = System.getenv("SOCIALDESK_TEST_PG_USER");
    password = System.getenv("SOCIALDESK_TEST_PG_PASSWORD");
    database = "socialdesk_sla_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("create database " + database);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database);
    dataSource.setUser(user);
    dataSource.setPassword(password);
    migrate(dataSource);
    return dataSource;
  }

  private void migrate(PGSimpleDataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      var liquibaseDatabase =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(getClass().getClassLoader())),
          () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
              .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, liquibaseDatabase)
              .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, TestingDatabase.CHANGELOG)
              .execute());
    }
  }

  private void execute(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (database != null) {
      execute("drop database if exists " + database + " with (force)");
    }
  }
}
