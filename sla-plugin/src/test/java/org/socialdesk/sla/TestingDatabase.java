package org.socialdesk.sla;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 database with the plugin's real changelog applied, as the host does it. */
final class TestingDatabase {

  static final String CHANGELOG = "org/socialdesk/sla/changelog.yaml";

  private TestingDatabase() {}

  static DataSource create() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:sla-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Logger.getLogger("liquibase").setLevel(Level.WARNING);
    Map<String, Object> scope = Map.of(
        Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(TestingDatabase.class.getClassLoader()),
        Scope.Attr.ui.name(), new LoggerUIService(),
        "liquibase.analytics.enabled", false,
        "liquibase.showBanner", false);
    try (Connection connection = h2.getConnection()) {
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
          .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
          .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
          .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
          .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
          .execute());
    } catch (Exception e) {
      throw new IllegalStateException("cannot apply " + CHANGELOG + " to H2", e);
    }
    return h2;
  }

  /** The rows of {@code sql}, each as column label (lower case) to value. */
  static List<Map<String, Object>> query(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<Map<String, Object>> result = new ArrayList<>();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(rows.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rows.getObject(i));
        }
        result.add(row);
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
