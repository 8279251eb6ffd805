package org.socialdesk.host.replies;

import org.socialdesk.host.pipeline.PipelineFixture;

/**
 * The instances' tests on PostgreSQL, where claims lock rows for real and a transaction ends at its
 * first error.
 */
class RepliesAcrossInstancesPostgresIT extends RepliesAcrossInstancesTest {

  /** The instances share this one pool here; in production each has its own. */
  @Override
  PipelineFixture openFixture() throws Exception {
    return PipelineFixture.onPostgres(16);
  }
}
