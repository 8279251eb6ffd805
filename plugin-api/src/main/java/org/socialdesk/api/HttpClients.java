package org.socialdesk.api;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Outbound HTTP clients, configured by the host (timeouts, proxy, redirect policy) so that every
 * peer is reached the same way. Plugins use the JDK client: the SPI carries no library types.
 */
public interface HttpClients {

  /**
   * A client for one named peer (e.g. {@code x}, {@code mastodon}); the name appears in logs and
   * metrics.
   */
  HttpClient forPeer(String peer);

  /** The time budget of one request to a peer, from configuration. */
  Duration requestTimeout();
}
