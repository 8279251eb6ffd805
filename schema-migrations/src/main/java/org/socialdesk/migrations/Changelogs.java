package org.socialdesk.migrations;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Applies a Liquibase changelog to a database: only the changesets not applied yet run, so it is
 * safe on every start. The host, the plugin testkit and the benchmarks all migrate through here.
 */
public final class Changelogs {

  private Changelogs() {}

  /**
   * Applies every changeset of {@code changelog} not applied yet.
   *
   * @param changelog a class-path resource, e.g. {@code org/socialdesk/sla/changelog.yaml}
   * @param resources the class loader that finds it (a plugin's own loader for a plugin's schema)
   */
  public static void apply(DataSource dataSource, String changelog, ClassLoader resources) {
    run(dataSource, changelog, resources, null);
  }

  /** Applies the first {@code count} changesets only (benchmarks seed data between two steps). */
  public static void applyFirst(
      DataSource dataSource, String changelog, ClassLoader resources, int count) {
    run(dataSource, changelog, resources, count);
  }

  /**
   * @param count how many changesets to apply, or null for all
   */
  private static void run(
      DataSource dataSource, String changelog, ClassLoader resources, Integer count) {
    // Liquibase reads its settings from the scope: no banner, and no analytics call home.
    Map<String, Object> scope =
        Map.of(
            Scope.Attr.resourceAccessor.name(),
            new ClassLoaderResourceAccessor(resources),
            Scope.Attr.ui.name(),
            new LoggerUIService(),
            "liquibase.analytics.enabled",
            false,
            "liquibase.showBanner",
            false);
    // Liquibase finds its own services through the context class loader, which must be the one
    // that loaded Liquibase even while a plugin's changelog is read through the plugin's loader.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(Changelogs.class.getClassLoader());
    try (Connection connection = dataSource.getConnection()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      CommandScope update =
          count == null
              ? new CommandScope(UpdateCommandStep.COMMAND_NAME)
              : new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                  .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count);
      Scope.child(
          scope,
          () ->
              update
                  .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                  .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                  .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                  .addArgumentValue(
                      ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                  .execute());
    } catch (Exception e) {
      throw new ChangelogException(changelog, rootMessage(e), e);
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

  /** A changelog could not be applied; the message names it and the root cause. */
  public static final class ChangelogException extends RuntimeException {
    private final String reason;

    ChangelogException(String changelog, String reason, Throwable cause) {
      super("cannot apply " + changelog + ": " + reason, cause);
      this.reason = reason;
    }

    /** The root cause's message, without the changelog's name. */
    public String reason() {
      return reason;
    }
  }
}
