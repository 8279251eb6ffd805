package org.socialdesk.sla.wall;

import org.junit.jupiter.api.Test;
import org.socialdesk.sla.TestingDatabase;

/** The wall keeps its Incoming and alert lists across a restart, on the plugin's H2 database. */
class WallRestartTest {

  @Test
  void afterARestartTheWallShowsWhatItShowedBefore() throws Exception {
    WallRestartScenario.wallShowsAfterARestartWhatItShowedBefore(TestingDatabase.create());
  }
}
