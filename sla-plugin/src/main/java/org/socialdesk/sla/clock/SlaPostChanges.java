package org.socialdesk.sla.clock;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.socialdesk.api.social.PostKey;

/**
 * What a customer's edit or delete does to a ticket's SLA clocks; the rules and their reasons are
 * in {@code sla-plugin/docs/sla-semantics.md}.
 */
final class SlaPostChanges {

  private SlaPostChanges() {}

  /** An edit never restarts, stops or moves a clock: the customer has waited since the post. */
  static SlaClock afterEdit(SlaClock clock) {
    return Objects.requireNonNull(clock, "clock");
  }

  /**
   * A response clock (first or next) is withdrawn when the deleted post was the only one it waited
   * on; a resolution clock when no customer post is left on the ticket. Ended clocks and all other
   * cases stay as they are. A clock withdrawn after its deadline stays a breach (see {@link
   * SlaClock#stateAt}).
   *
   * @param clock a clock of the ticket the post belongs to
   * @param deleted the post the customer deleted
   * @param deletedAt when the network reported the deletion
   * @param unanswered the ticket's customer posts the brand had not answered, before the deletion
   * @param customerPostsLeft the ticket's customer posts not deleted, after the deletion
   */
  static SlaClock afterDelete(
      SlaClock clock,
      PostKey deleted,
      Instant deletedAt,
      Set<PostKey> unanswered,
      int customerPostsLeft) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(deleted, "deleted");
    Objects.requireNonNull(deletedAt, "deletedAt");
    Objects.requireNonNull(unanswered, "unanswered");
    if (customerPostsLeft < 0) {
      throw new IllegalArgumentException(
          "customerPostsLeft must be >= 0, got " + customerPostsLeft);
    }
    if (!clock.isRunning()) {
      return clock;
    }
    boolean withdraw =
        clock.target().isResponse() ? unanswered.equals(Set.of(deleted)) : customerPostsLeft == 0;
    return withdraw ? clock.withdrawn(deletedAt) : clock;
  }
}
