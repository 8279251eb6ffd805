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

  /**
   * {@code client} sending plain {@code http://} requests as HTTP/1.1, so that no h2c upgrade
   * ({@code Upgrade: h2c}, {@code HTTP2-Settings}) is offered, which some receivers and proxies
   * answer by dropping the request; {@code https://} keeps the client's version (HTTP/2 by ALPN). A
   * request that sets its own version keeps it. The host's clients are made so; a plugin that
   * builds a client of its own (a command-line client, say) wraps it here.
   */
  static HttpClient http11OnPlainHttp(HttpClient client) {
    return client instanceof PlainHttp11Client ? client : new PlainHttp11Client(client);
  }
}
