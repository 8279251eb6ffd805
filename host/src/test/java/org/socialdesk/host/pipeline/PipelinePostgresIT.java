package org.socialdesk.host.pipeline;

import org.junit.jupiter.api.AfterEach;
import org.socialdesk.host.config.DatabaseConfig;
import org.socialdesk.host.testing.TestDatabases;
import org.socialdesk.testkit.TestingPostgres;

/**
 * The pipeline's tests on the production database path, Debian's PostgreSQL: its transactions end
 * at their first error and it locks rows for real, so what passes on H2 must pass here too.
 */
class PipelinePostgresIT extends PipelineTest {

  private TestingPostgres postgres;

  @Override
  DatabaseConfig databaseConfig() throws Exception {
    postgres = TestingPostgres.createEmpty();
    return TestDatabases.config(postgres);
  }

  /** The pipeline and its pool close first, then the throw-away database goes. */
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
