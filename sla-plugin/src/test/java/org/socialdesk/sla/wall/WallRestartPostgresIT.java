package org.socialdesk.sla.wall;

import org.junit.jupiter.api.Test;
import org.socialdesk.sla.TestingDatabase;
import org.socialdesk.testkit.TestingPostgres;

/** The wall keeps its lists across a restart on a real PostgreSQL (scripts/postgres). */
class WallRestartPostgresIT {

  @Test
  void afterARestartTheWallShowsWhatItShowedBeforeOnPostgres() throws Exception {
    try (TestingPostgres postgres = TestingPostgres.create(TestingDatabase.CHANGELOG)) {
      WallRestartScenario.wallShowsAfterARestartWhatItShowedBefore(postgres.dataSource());
    }
  }
}
