package org.socialdesk.api.helpdesk;

import java.time.Duration;

/**
 * A call to the helpdesk failed. {@link #retryable()} separates an outage or overload (retry with
 * backoff) from a refusal that will not change (report it on the ticket or to the admin).
 */
public class HelpdeskException extends RuntimeException {

  private final boolean retryable;
  private final Duration elapsed;

  public HelpdeskException(String message, boolean retryable, Duration elapsed, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.elapsed = elapsed;
  }

  public boolean retryable() {
    return retryable;
  }

  /** How long the failed call took, for operators chasing a slow helpdesk. */
  public Duration elapsed() {
    return elapsed;
  }
}
