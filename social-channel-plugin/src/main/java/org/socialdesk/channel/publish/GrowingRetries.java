package org.socialdesk.channel.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;

/**
 * The delays of a publisher whose network failed before anything was published (5xx, no
 * connection): 30 s after the first failure of a reply, doubling up to 15 minutes, counted per
 * idempotency key for the last thousand replies. A reply that was published or refused for good is
 * forgotten.
 */
public final class GrowingRetries {

  public static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  public static final Duration MAX_RETRY = Duration.ofMinutes(15);
  private static final int REMEMBERED_FAILURES = 1000;

  private final Clock clock;

  /** Consecutive temporary failures per idempotency key, for the growing delay. */
  private final Map<String, Integer> failures =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > REMEMBERED_FAILURES;
        }
      };

  public GrowingRetries(Clock clock) {
    this.clock = clock;
  }

  /** Nothing was published: retry after a delay that grows with each failure of this reply. */
  public PublishOutcome.RetryLater failed(OutgoingReply reply, String reason) {
    int count;
    synchronized (failures) {
      count = failures.merge(reply.idempotencyKey(), 1, Integer::sum);
    }
    Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(count - 1, 10));
    delay = delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    return new PublishOutcome.RetryLater(
        delay, reason + "; attempt " + count + ", retrying in " + delay.toSeconds() + "s");
  }

  /** The reply was published or refused for good. */
  public void forget(OutgoingReply reply) {
    synchronized (failures) {
      failures.remove(reply.idempotencyKey());
    }
  }

  /** The delay until {@code until}, at least one second. */
  public Duration until(Instant until) {
    Duration delay = Duration.between(clock.instant(), until);
    return delay.isNegative() || delay.isZero() ? Duration.ofSeconds(1) : delay;
  }
}
