package org.socialdesk.host.pipeline;

import org.junit.jupiter.api.AfterEach;
import org.socialdesk.api.Secret;
import org.socialdesk.host.config.DatabaseConfig;
import org.socialdesk.testkit.TestingPostgres;

/** The instances' tests on PostgreSQL, where claims lock rows for real and a transaction ends at its first error. */
class RepliesAcrossInstancesPostgresIT extends RepliesAcrossInstancesTest {

  private TestingPostgres postgres;

  @Override
  DatabaseConfig databaseConfig() throws Exception {
    postgres = TestingPostgres.createEmpty();
    // Three instances share this one pool here; in production each has its own.
    return new DatabaseConfig(postgres.url(), postgres.user(), Secret.of(postgres.password()), 16);
  }

  /** The instances and their pool close first, then the throw-away database goes. */
  @Override
  @AfterEach
  void close() throws Exception {
    try {
      super.close();
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }
}
