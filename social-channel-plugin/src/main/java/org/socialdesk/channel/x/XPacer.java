package org.socialdesk.channel.x;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Keeps each endpoint under its budget: a token bucket per endpoint holding at most the budget of
 * one 15-minute window and refilling evenly over the window, tightened by what X says in every
 * answer ({@code x-rate-limit-remaining}, {@code x-rate-limit-reset}, and the 24-hour {@code
 * x-user-limit-24hour-*} / {@code x-app-limit-24hour-*} headers). A spent window or a 429 blocks
 * the endpoint until X's reset time. Callers never sleep: they learn when they may call again.
 */
final class XPacer {

  static final Duration WINDOW = Duration.ofMinutes(15);

  private final Clock clock;
  private final Map<XEndpoint, Bucket> buckets = new EnumMap<>(XEndpoint.class);

  XPacer(Clock clock, XConfig.Pacing pacing) {
    this.clock = clock;
    Instant now = clock.instant();
    for (XEndpoint endpoint : XEndpoint.values()) {
      buckets.put(endpoint, new Bucket(pacing.budget(endpoint), now));
    }
  }

  /** Takes one request from the endpoint's budget: empty if it may go now, else when it may. */
  synchronized Optional<Instant> tryAcquire(XEndpoint endpoint) {
    Instant now = clock.instant();
    Bucket bucket = buckets.get(endpoint);
    if (bucket.blockedUntil != null) {
      if (now.isBefore(bucket.blockedUntil)) {
        return Optional.of(bucket.blockedUntil);
      }
      bucket.unblock(now);
    }
    bucket.refill(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return Optional.empty();
    }
    long nanosPerToken = WINDOW.toNanos() / bucket.capacity;
    return Optional.of(now.plusNanos((long) Math.ceil((1 - bucket.tokens) * nanosPerToken)));
  }

  /** Reads X's rate-limit headers from any answer; a spent limit blocks until its reset. */
  synchronized void observe(XEndpoint endpoint, HttpHeaders headers) {
    Bucket bucket = buckets.get(endpoint);
    OptionalLong remaining = number(headers, "x-rate-limit-remaining");
    if (remaining.isPresent()) {
      bucket.refill(clock.instant());
      bucket.tokens = Math.min(bucket.tokens, remaining.getAsLong());
    }
    for (String limit :
        new String[] {"x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour"}) {
      OptionalLong left = number(headers, limit + "-remaining");
      OptionalLong reset = number(headers, limit + "-reset");
      if (left.isPresent() && left.getAsLong() <= 0 && reset.isPresent()) {
        bucket.blockUntil(Instant.ofEpochSecond(reset.getAsLong()));
      }
    }
  }

  /**
   * After a 429: blocks the endpoint until the reset of the limit that is spent (the 15-minute one
   * unless only a 24-hour one says it is), or for a whole window when X named no reset.
   *
   * @return when the endpoint may be called again
   */
  synchronized Instant rateLimited(XEndpoint endpoint, HttpHeaders headers) {
    Instant now = clock.instant();
    Instant until = null;
    for (String limit :
        new String[] {"x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour"}) {
      OptionalLong left = number(headers, limit + "-remaining");
      OptionalLong reset = number(headers, limit + "-reset");
      boolean spent = left.isEmpty() ? limit.equals("x-rate-limit") : left.getAsLong() <= 0;
      if (spent && reset.isPresent()) {
        Instant at = Instant.ofEpochSecond(reset.getAsLong());
        until = until == null || at.isAfter(until) ? at : until;
      }
    }
    if (until == null) {
      until = now.plus(WINDOW);
    }
    if (!until.isAfter(now)) {
      until = now.plusSeconds(1);
    }
    Bucket bucket = buckets.get(endpoint);
    bucket.blockUntil(until);
    return until;
  }

  private static OptionalLong number(HttpHeaders headers, String name) {
    Optional<String> value = headers.firstValue(name);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get().strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static final class Bucket {
    final int capacity;
    double tokens;
    Instant refilled;
    Instant blockedUntil;

    Bucket(int capacity, Instant now) {
      this.capacity = capacity;
      this.tokens = capacity;
      this.refilled = now;
    }

    void refill(Instant now) {
      if (now.isAfter(refilled)) {
        double elapsed = Duration.between(refilled, now).toNanos();
        tokens = Math.min(capacity, tokens + elapsed * capacity / WINDOW.toNanos());
        refilled = now;
      }
    }

    void blockUntil(Instant until) {
      if (blockedUntil == null || until.isAfter(blockedUntil)) {
        blockedUntil = until;
      }
    }

    /** X's window was reset: a full budget again. */
    void unblock(Instant now) {
      blockedUntil = null;
      tokens = capacity;
      refilled = now;
    }
  }
}
