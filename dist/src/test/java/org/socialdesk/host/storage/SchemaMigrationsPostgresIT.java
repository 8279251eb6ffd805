package org.socialdesk.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.socialdesk.host.testing.TestPostgres;

class SchemaMigrationsPostgresIT {

  @Test
  void hostAndPluginChangelogsApplyToAFreshPostgresAndAgainAsANoOp() throws Exception {
    try (TestPostgres postgres = TestPostgres.create();
        Database database = Database.open(postgres.config())) {
      assertThat(database.isPostgres()).isTrue();
      SchemaMigrationsTest.assertChangelogsApplyTwice(database);
    }
  }
}
