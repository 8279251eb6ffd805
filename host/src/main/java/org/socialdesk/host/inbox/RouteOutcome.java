package org.socialdesk.host.inbox;

import java.sql.SQLException;
import java.time.Duration;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.host.storage.Sql;

/** What became of one inbox event. */
sealed interface RouteOutcome {

  /**
   * In its ticket. The helpdesk already holds the post; what remains is local: {@code bookkeeping}
   * commits in the same transaction that marks the event done (one commit per post, and a crash
   * leaves either all of it or none, in which case the retry finds the post in the helpdesk), and
   * {@code routed} is published once that transaction has committed.
   */
  record Done(String ticketId, Bookkeeping bookkeeping, SocialdeskEvent routed)
      implements RouteOutcome {}

  /** Not yet: try again after {@code after} (null: the pipeline's backoff). */
  record Later(String reason, Duration after) implements RouteOutcome {}

  /** Will never work as it is (the admin must act); kept in the inbox with the reason. */
  record Failed(String reason) implements RouteOutcome {}

  /**
   * An edit or delete of a post without a ticket: tried again with backoff for a while, then {@link
   * Parked}.
   */
  record WaitsForPost(String reason) implements RouteOutcome {}

  /** Set aside, shown to admins with the reason; woken when the post it waits for is routed. */
  record Parked(String reason) implements RouteOutcome {}

  /** The pipeline's own records of a routed event. */
  @FunctionalInterface
  interface Bookkeeping {
    void write(Sql.Tx tx) throws SQLException;
  }
}
