package org.socialdesk.testkit;

import java.time.Instant;
import java.util.List;

/**
 * Instants a network or a bug may hand a plugin, from {@link Instant#MIN} to {@link Instant#MAX}:
 * for tests that a plugin takes any time without an exception. Use as
 * {@code @MethodSource("org.socialdesk.testkit.ExtremeInstants#all")}.
 */
public final class ExtremeInstants {

  private ExtremeInstants() {}

  public static List<Instant> all() {
    return List.of(
        Instant.MIN,
        Instant.parse("-999999999-01-01T00:00:00Z"),
        Instant.parse("0001-01-01T00:00:00Z"),
        Instant.parse("2099-01-01T00:00:00Z"),
        Instant.MAX);
  }
}
