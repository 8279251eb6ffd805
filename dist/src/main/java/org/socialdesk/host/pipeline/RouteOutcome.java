package org.socialdesk.host.pipeline;

import java.time.Duration;

/** What became of one inbox event. */
sealed interface RouteOutcome {

  /** In its ticket. */
  record Done(String ticketId) implements RouteOutcome {}

  /** Not yet: try again after {@code after} (null: the pipeline's backoff). */
  record Later(String reason, Duration after) implements RouteOutcome {}

  /** Will never work as it is (the admin must act); kept in the inbox with the reason. */
  record Failed(String reason) implements RouteOutcome {}
}
