package org.socialdesk.host.inbox;

import org.socialdesk.host.pipeline.PipelineFixture;

/** What routing a burst of posts costs the production database, PostgreSQL. */
class RoutingCostPostgresIT extends RoutingCostTest {

  @Override
  PipelineFixture openFixture() throws Exception {
    return PipelineFixture.onPostgres(10);
  }
}
