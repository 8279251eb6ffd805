package org.socialdesk.host.storage;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Applies Liquibase changelogs: the host's own, and each plugin's from its jar through the
 * plugin's class loader. Changes already applied are skipped, so this runs on every start.
 */
public final class SchemaMigrations {

  public static final String HOST_CHANGELOG = "org/socialdesk/host/storage/changelog.yaml";

  private final DataSource dataSource;

  public SchemaMigrations(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void applyHost() {
    apply(HOST_CHANGELOG, SchemaMigrations.class.getClassLoader(), "host");
  }

  /** Applies a plugin's changelog, found by {@code loader} (the plugin's class loader). */
  public void apply(String changelog, ClassLoader loader, String owner) {
    // Liquibase reads its settings from the scope: no banner, and no analytics call home.
    Map<String, Object> scope =
        Map.of(
            Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(loader),
            Scope.Attr.ui.name(), new LoggerUIService(),
            "liquibase.analytics.enabled", false,
            "liquibase.showBanner", false);
    // Liquibase finds its own services through the context class loader, which must be the
    // host's even while a plugin's changelog is read through the plugin's loader.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(SchemaMigrations.class.getClassLoader());
    try (Connection connection = dataSource.getConnection()) {
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Scope.child(
          scope,
          () ->
              new CommandScope(UpdateCommandStep.COMMAND_NAME)
                  .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                  .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                  .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                  .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                  .execute());
    } catch (Exception e) {
      throw new SchemaException("cannot apply the " + owner + " schema (" + changelog + "): " + rootMessage(e), e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** A changelog could not be applied. */
  public static final class SchemaException extends RuntimeException {
    SchemaException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
