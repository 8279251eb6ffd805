package org.socialdesk.channel.bluesky;

import java.time.Duration;
import java.time.Instant;

/** How long to wait after a 429: until {@code ratelimit-reset}, within sane bounds. */
final class BlueskyRateLimit {

  static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
  static final Duration MAX_WAIT = Duration.ofHours(1);

  private BlueskyRateLimit() {}

  static Duration retryAfter(BlueskyXrpc.Answer answer, Instant now) {
    Duration wait =
        answer.rateLimitReset().map(reset -> Duration.between(now, reset)).orElse(DEFAULT_WAIT);
    if (wait.isNegative() || wait.isZero()) {
      return Duration.ofSeconds(1);
    }
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }
}
