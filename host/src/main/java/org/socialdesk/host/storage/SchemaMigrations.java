package org.socialdesk.host.storage;

import javax.sql.DataSource;
import org.socialdesk.migrations.Changelogs;

/**
 * Applies Liquibase changelogs: the host's own, and each plugin's from its jar through the plugin's
 * class loader. Changes already applied are skipped, so this runs on every start.
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
    try {
      Changelogs.apply(dataSource, changelog, loader);
    } catch (Changelogs.ChangelogException e) {
      throw new SchemaException(
          "cannot apply the " + owner + " schema (" + changelog + "): " + e.reason(), e);
    }
  }

  /** A changelog could not be applied. */
  public static final class SchemaException extends RuntimeException {
    SchemaException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
