package org.socialdesk.channel.line;

import java.time.Instant;
import org.socialdesk.channel.storage.GroupCommit;

/**
 * The channel's own rows on the webhook's path, group-committed ({@link GroupCommit}): every
 * message queued while one transaction runs goes into the next ({@link LineMessages#recordAll}), so
 * a burst of deliveries pays one commit, not one each. A caller returns only once its row is
 * committed.
 */
final class LineRecorder {

  private record Received(LineIncoming message, Instant at) {}

  private final GroupCommit<Received> commits;

  LineRecorder(LineMessages messages) {
    this.commits =
        new GroupCommit<>(
            batch ->
                messages.recordAll(
                    batch.stream().map(Received::message).toList(), batch.getFirst().at()),
            alone -> messages.recordCustomer(alone.message(), alone.at()));
  }

  /** Records the message and marks its webhook event handled; returns once committed. */
  void record(LineIncoming message, Instant at) {
    commits.write(new Received(message, at));
  }
}
