package org.socialdesk.host.replies;

import java.util.Arrays;

/**
 * Where an agent's reply is in the workflow (column {@code agent_reply.state}, stored as {@link
 * #stored}). The workflow claims replies in {@link #REVIEW}, {@link #APPROVED}, {@link #REJECTED}
 * and {@link #OUTBOX_DONE}; the others wait for someone else (a supervisor, the outbox) or are
 * final.
 */
enum ReplyState {
  /** Read from the helpdesk; the policies are to run. */
  REVIEW("review"),
  /** Approved by a supervisor; the policies run again, approved. */
  APPROVED("approved"),
  /** Rejected by a supervisor; it is discarded. */
  REJECTED("rejected"),
  /** Waits for a supervisor's /approve or /reject. */
  AWAITING_APPROVAL("awaiting-approval"),
  /** Stopped by a policy or the host's own check; final. */
  HELD("held"),
  /** Rejected by a supervisor and not published; final. */
  DISCARDED("discarded"),
  /** Its parts are in the outbox. */
  QUEUED("queued"),
  /**
   * The outbox is done with it (every part final): set by the publisher in the transaction that
   * finishes its last part, so the workflow reports its outcome even after a crash right after it.
   */
  OUTBOX_DONE("outbox-done"),
  /** Every part is published and the ticket says where; final. */
  PUBLISHED("published"),
  /** The network refused it (or nothing can publish there) and the ticket says why; final. */
  FAILED("failed"),
  /**
   * Cut off while publishing on a network that may publish twice; the ticket asks an agent to
   * check; final.
   */
  UNKNOWN("unknown");

  /** The value in the database. */
  final String stored;

  ReplyState(String stored) {
    this.stored = stored;
  }

  static ReplyState ofStored(String stored) {
    return Arrays.stream(values())
        .filter(state -> state.stored.equals(stored))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown reply state " + stored));
  }
}
