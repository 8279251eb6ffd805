package org.socialdesk.host.replies;

import java.util.Arrays;

/**
 * Where one part of a reply is in the outbox (column {@code outbox.state}, stored as {@link
 * #stored}).
 */
enum PartState {
  /** Due at {@code next_attempt_at}, once the parts before it are published. */
  READY("ready"),
  /**
   * Claimed, and committed as such before the network is called: never published twice unknowingly.
   */
  PUBLISHING("publishing"),
  PUBLISHED("published"),
  /** Refused by the network, or nothing can publish on it. */
  FAILED("failed"),
  /**
   * Cut off while publishing (or the publisher failed without an answer): maybe live, maybe not.
   */
  UNKNOWN("unknown"),
  /** Never sent, as a part before it did not go out. */
  CANCELLED("cancelled");

  /** The value in the database. */
  final String stored;

  PartState(String stored) {
    this.stored = stored;
  }

  /** Whether nothing will happen to the part any more. */
  boolean isFinal() {
    return this != READY && this != PUBLISHING;
  }

  static PartState ofStored(String stored) {
    return Arrays.stream(values())
        .filter(state -> state.stored.equals(stored))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown outbox state " + stored));
  }
}
