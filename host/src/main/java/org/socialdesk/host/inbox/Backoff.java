package org.socialdesk.host.inbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, so that retries after an outage do not arrive in one wave. */
record Backoff(Duration first, Duration max) {

  Duration after(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    long millis = Math.min(max.toMillis(), first.toMillis() << Math.min(doublings, 20));
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Duration.ofMillis(Math.max(1, (long) (millis * jitter)));
  }
}
