package org.socialdesk.host.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code
 * 2h}, {@code 1d}, or ISO-8601.
 */
final class DurationText {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private DurationText() {}

  static Duration parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = SIMPLE.matcher(trimmed);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (write 500ms, 30s, 5m, 2h or 1d)", e);
    }
  }
}
