package org.socialdesk.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.socialdesk.host.testing.TestDatabases;
import org.socialdesk.testkit.TestingPostgres;

class SchemaMigrationsPostgresIT {

  @Test
  void hostAndPluginChangelogsApplyToAFreshPostgresAndAgainAsANoOp() throws Exception {
    try (TestingPostgres postgres = TestingPostgres.createEmpty();
        Database database = Database.open(TestDatabases.config(postgres))) {
      assertThat(database.isPostgres()).isTrue();
      SchemaMigrationsTest.assertChangelogsApplyTwice(database);
    }
  }
}
