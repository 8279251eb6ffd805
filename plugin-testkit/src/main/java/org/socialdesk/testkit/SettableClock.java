package org.socialdesk.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test sets or advances it. It works in instants (zone UTC);
 * {@link #withZone} is refused so that code reading wall-clock fields from it fails loudly.
 */
public final class SettableClock extends Clock {

  private volatile Instant now;

  /** A clock showing {@code now} until moved. */
  public SettableClock(Instant now) {
    this.now = now;
  }

  /** Shows {@code instant} from now on. */
  public void set(Instant instant) {
    now = instant;
  }

  /** Moves the clock forward by {@code duration} (backward if negative). */
  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the settable clock works in instants");
  }
}
