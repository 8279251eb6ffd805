package org.socialdesk.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.socialdesk.host.storage.Database;
import org.socialdesk.host.testing.TestDatabases;
import org.socialdesk.testkit.TestingPostgres;

class BundledChangelogsPostgresIT {

  @Test
  void hostAndPluginChangelogsApplyToAFreshPostgresAndAgainAsANoOp() throws Exception {
    try (TestingPostgres postgres = TestingPostgres.createEmpty();
        Database database = Database.open(TestDatabases.config(postgres))) {
      assertThat(database.isPostgres()).isTrue();
      BundledChangelogsTest.assertChangelogsApplyTwice(database);
    }
  }
}
