package org.socialdesk.channel.mastodon;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When Mastodon allows the next call after a 429: its {@code X-RateLimit-Reset} (an ISO timestamp,
 * the closest of its overlapping limits), else a {@code Retry-After} in seconds, else the length of
 * its 5-minute window. Never less than a second.
 */
final class MastodonRateLimit {

  static final Duration WINDOW = Duration.ofMinutes(5);
  private static final Duration AT_LEAST = Duration.ofSeconds(1);

  private MastodonRateLimit() {}

  static Duration retryAfter(MastodonApi.Answer answer, Instant now) {
    Optional<Instant> reset =
        answer.header("X-RateLimit-Reset").flatMap(MastodonRateLimit::instant);
    if (reset.isPresent()) {
      return atLeastOneSecond(Duration.between(now, reset.get()));
    }
    Optional<String> retryAfter = answer.header("Retry-After");
    if (retryAfter.isPresent() && retryAfter.get().strip().matches("\\d{1,6}")) {
      return atLeastOneSecond(Duration.ofSeconds(Long.parseLong(retryAfter.get().strip())));
    }
    return WINDOW;
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration atLeastOneSecond(Duration duration) {
    return duration.compareTo(AT_LEAST) < 0 ? AT_LEAST : duration;
  }
}
