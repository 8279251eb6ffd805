package org.socialdesk.host.replies;

import org.socialdesk.host.pipeline.PipelineFixture;

/**
 * The reply path's tests on the production database path, Debian's PostgreSQL: its transactions end
 * at their first error and it locks rows for real, so what passes on H2 must pass here too.
 */
class ReplyPathPostgresIT extends ReplyPathTest {

  @Override
  PipelineFixture openFixture() throws Exception {
    return PipelineFixture.onPostgres(4);
  }
}
