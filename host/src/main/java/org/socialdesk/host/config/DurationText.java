package org.socialdesk.host.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration, and as Socialdesk prints them in notes and logs
 * ("target 2h30m"): a number and a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code
 * 1d}), several of them largest first ({@code 2h30m}, {@code 1d 12h}, {@code 1m30s}), a decimal
 * ({@code 1.5h}, {@code 0.5s}), or ISO-8601 ({@code PT2H30M}, {@code P1D}).
 */
final class DurationText {

  static final String FORMS = "write 500ms, 30s, 5m, 2h, 1d, 2h30m or ISO-8601 such as PT2H30M";

  /** The units, largest first, with their length in nanoseconds. */
  private record Unit(String name, long nanos) {}

  private static final List<Unit> UNITS =
      List.of(
          new Unit("d", 86_400_000_000_000L),
          new Unit("h", 3_600_000_000_000L),
          new Unit("m", 60_000_000_000L),
          new Unit("s", 1_000_000_000L),
          new Unit("ms", 1_000_000L));

  /** One amount and its unit, optionally preceded by spaces; {@code ms} tried before {@code m}. */
  private static final Pattern PART = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|d|h|m|s)");

  private DurationText() {}

  static Duration parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.startsWith("p") || trimmed.startsWith("-p") || trimmed.startsWith("+p")) {
      try {
        return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw notADuration(text, e);
      }
    }
    return units(text, trimmed);
  }

  /** A sum of amounts with units, each unit at most once and largest first. */
  private static Duration units(String text, String trimmed) {
    Matcher part = PART.matcher(trimmed);
    BigDecimal nanos = BigDecimal.ZERO;
    int previous = -1;
    for (int end = 0; end < trimmed.length(); end = part.end()) {
      part.region(end, trimmed.length());
      if (!part.lookingAt()) {
        throw notADuration(text, null);
      }
      int unit = indexOf(part.group(2));
      if (unit <= previous) {
        throw notADuration(text, null); // 30m2h, 5m5m: a slip, not a duration anyone means
      }
      previous = unit;
      BigDecimal amount = new BigDecimal(part.group(1));
      nanos = nanos.add(amount.multiply(BigDecimal.valueOf(UNITS.get(unit).nanos())));
    }
    if (previous < 0) {
      throw notADuration(text, null);
    }
    try {
      return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("too long a duration: '" + text + "'", e);
    }
  }

  private static int indexOf(String unit) {
    for (int i = 0; i < UNITS.size(); i++) {
      if (UNITS.get(i).name().equals(unit)) {
        return i;
      }
    }
    throw new IllegalStateException("unit " + unit);
  }

  private static IllegalArgumentException notADuration(String text, Exception cause) {
    return new IllegalArgumentException("not a duration: '" + text + "' (" + FORMS + ")", cause);
  }
}
