package org.socialdesk.sla.wall;

import java.time.Instant;
import java.util.Arrays;

/**
 * Tells when negative posts per minute rise far above their recent normal: the last full minute
 * counts more than {@link #FACTOR} times the median of the {@link #BASELINE_MINUTES} minutes before
 * it, and at least {@link #MINIMUM} posts. Counts live in a ring of one-minute buckets by the
 * post's arrival time (when it was routed), so memory stays fixed. Thread-safe.
 */
final class WallSpikeDetector {

  static final int BASELINE_MINUTES = 30;
  static final double FACTOR = 3.0;
  static final int MINIMUM = 5;

  /** What the detector says at an instant. */
  record Spike(boolean alert, long lastMinute, double median, Instant minuteStart) {}

  private final long[] counts = new long[BASELINE_MINUTES + 2];
  private final long[] minutes = new long[BASELINE_MINUTES + 2];

  WallSpikeDetector() {
    Arrays.fill(minutes, Long.MIN_VALUE);
  }

  /** Counts one negative post that arrived at {@code at}. */
  synchronized void negative(Instant at) {
    long minute = Math.floorDiv(at.getEpochSecond(), 60);
    int slot = (int) Math.floorMod(minute, (long) counts.length);
    if (minutes[slot] != minute) {
      if (minutes[slot] > minute) {
        return; // older than the ring holds
      }
      minutes[slot] = minute;
      counts[slot] = 0;
    }
    counts[slot]++;
  }

  private long count(long minute) {
    int slot = (int) Math.floorMod(minute, (long) counts.length);
    return minutes[slot] == minute ? counts[slot] : 0;
  }

  /**
   * The state at {@code now}. "The last minute" is the current clock minute, still filling, so an
   * outburst shows as it happens; the baseline is the 30 whole minutes before it (empty minutes
   * count as 0, so a quiet half hour has a median of 0 and five negative posts alert).
   */
  synchronized Spike check(Instant now) {
    long current = Math.floorDiv(now.getEpochSecond(), 60);
    long last = count(current);
    long[] baseline = new long[BASELINE_MINUTES];
    for (int i = 0; i < BASELINE_MINUTES; i++) {
      baseline[i] = count(current - 1 - i);
    }
    Arrays.sort(baseline);
    double median = (baseline[BASELINE_MINUTES / 2 - 1] + baseline[BASELINE_MINUTES / 2]) / 2.0;
    boolean alert = last >= MINIMUM && last > FACTOR * median;
    return new Spike(alert, last, median, Instant.ofEpochSecond(current * 60));
  }
}
