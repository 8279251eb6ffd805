package org.socialdesk.host.inbox;

import java.time.Instant;
import java.util.List;

/**
 * How the intake is doing, for admins: events this instance routed since it started, events waiting
 * (in all instances) and since when the oldest waits, events that failed for good, and events
 * parked (an edit or delete of a post never seen), the latest of them with their reason, and what
 * networks sent that could not be processed (how many, the newest with their reasons).
 */
public record Backlog(
    long routedSinceStart,
    long pending,
    Instant oldestPendingSince,
    long failed,
    long parked,
    List<ParkedEvent> parkedEvents,
    Quarantine.Summary quarantined) {

  /** An event set aside until the post it is about arrives. */
  public record ParkedEvent(
      long id, String network, String postId, String type, Instant receivedAt, String reason) {}
}
