package org.socialdesk.host.inbox;

import org.socialdesk.host.pipeline.PipelineFixture;

/**
 * The routing tests on the production database path, Debian's PostgreSQL: its transactions end at
 * their first error and it locks rows for real, so what passes on H2 must pass here too.
 */
class RoutingPostgresIT extends RoutingTest {

  @Override
  PipelineFixture openFixture() throws Exception {
    return PipelineFixture.onPostgres(4);
  }
}
