package org.socialdesk.api.channel;

import org.socialdesk.api.social.InboundEvent;

/**
 * Where channels hand what they read. {@link #accept} returns only once the event is durably
 * stored, so a channel acknowledges a webhook or advances a cursor after it returns, never before.
 */
public interface Ingest {

  /**
   * Stores the event. Delivering the same post twice is harmless: the second answer is {@link
   * Accepted#DUPLICATE}.
   *
   * @throws IngestUnavailableException if it could not be stored (the caller must not acknowledge)
   */
  Accepted accept(InboundEvent event);

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
