package org.socialdesk.host.inbox;

import org.socialdesk.host.config.DatabaseConfig;
import org.socialdesk.host.testing.TestDatabases;
import org.socialdesk.testkit.TestingPostgres;

/**
 * The inbox's tests on PostgreSQL, which refuses what H2 takes: a NUL in text ({@code invalid byte
 * sequence for encoding "UTF8": 0x00}), and it ends a transaction at its first error.
 */
class InboxPostgresIT extends InboxTest {

  @Override
  DatabaseConfig databaseConfig() throws Exception {
    TestingPostgres postgres = TestingPostgres.createEmpty();
    closeAfterDatabase(postgres);
    return TestDatabases.config(postgres);
  }
}
