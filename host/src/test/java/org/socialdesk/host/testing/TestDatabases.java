package org.socialdesk.host.testing;

import org.socialdesk.api.Secret;
import org.socialdesk.host.config.DatabaseConfig;
import org.socialdesk.testkit.TestingPostgres;

/** The host's database configuration for a throw-away test database. */
public final class TestDatabases {
  private TestDatabases() {}

  /**
   * Points the host at {@code postgres} (the host applies its own changelogs), with a small pool.
   */
  public static DatabaseConfig config(TestingPostgres postgres) {
    return new DatabaseConfig(postgres.url(), postgres.user(), Secret.of(postgres.password()), 4);
  }
}
