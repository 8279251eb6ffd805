package org.socialdesk.channel.x;

import java.time.Instant;

/**
 * A call was not made, or X refused it with 429: the endpoint may be called again at {@link
 * #until()}. Nothing was sent, or X says nothing was done.
 */
final class XRateLimited extends Exception {

  private final transient Instant until;

  XRateLimited(Instant until, String message) {
    super(message);
    this.until = until;
  }

  Instant until() {
    return until;
  }
}
