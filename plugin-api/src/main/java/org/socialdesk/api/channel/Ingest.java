package org.socialdesk.api.channel;

import org.socialdesk.api.social.InboundEvent;

/**
 * Where channels hand what they read. {@link #accept} returns only once the event is durably
 * stored, so a channel acknowledges a webhook or advances a cursor after it returns, never before.
 *
 * <p>Nothing a network sends may make the channel fail: an event the host cannot process (an id
 * outside {@link org.socialdesk.api.social.UntrustedText#idProblem the safe set}, a value the
 * database refuses) is kept in the host's quarantine with the reason, where an admin sees it, and
 * answered {@link Accepted#STORED}, so the network stops delivering it; control characters in texts
 * are {@linkplain org.socialdesk.api.social.UntrustedText#clean cleaned} and the rest stored. What
 * a channel cannot even turn into an event it hands to {@link #quarantine}.
 */
public interface Ingest {

  /**
   * Stores the event. Delivering the same post twice is harmless: the second answer is {@link
   * Accepted#DUPLICATE}.
   *
   * @throws IngestUnavailableException if it could not be stored (the caller must not acknowledge)
   */
  Accepted accept(InboundEvent event);

  /**
   * Keeps what a network sent that the channel could not turn into an event (unreadable,
   * inconsistent), with the reason, where an admin sees it; returns once it is stored, so the
   * channel may then acknowledge it to the network.
   *
   * @param network the network it came from
   * @param payload what was received, as text; control characters are escaped by the host
   * @param reason why it could not be processed, for the admin
   * @throws IngestUnavailableException if it could not be stored (the caller must not acknowledge)
   * @since API 1.2
   */
  default void quarantine(String network, String payload, String reason) {
    throw new IngestUnavailableException(
        "this inbox keeps no quarantine; " + network + " payload not stored: " + reason, null);
  }

  /** What became of an accepted event. */
  enum Accepted {
    STORED,
    DUPLICATE
  }

  /** The event was not stored; retry later and do not acknowledge it to the network. */
  class IngestUnavailableException extends RuntimeException {
    public IngestUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
