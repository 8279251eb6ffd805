package org.socialdesk.channel.youtube;

import java.time.Instant;

/**
 * A call was not made because the day's units are spent (by Socialdesk's own count, or YouTube
 * answered {@code quotaExceeded}): it may be tried again at {@link #until()}, the daily reset.
 * Nothing was done on YouTube.
 */
final class YouTubeQuotaWait extends Exception {

  private static final long serialVersionUID = 1L;
  private final transient Instant until;

  YouTubeQuotaWait(Instant until, String message) {
    super(message);
    this.until = until;
  }

  Instant until() {
    return until;
  }
}
