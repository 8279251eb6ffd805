package org.socialdesk.testkit;

import java.net.http.HttpClient;
import java.time.Duration;
import org.socialdesk.api.HttpClients;

/**
 * The host's HTTP clients as tests want them: one JDK client for every peer, with a short connect
 * timeout so that a test against a dead port fails fast, a fixed request timeout, and HTTP/1.1 on
 * plain http as the host's.
 */
public final class TestingHttpClients implements HttpClients, AutoCloseable {

  /** How long a test client waits to connect. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client = newClient();
  private final Duration requestTimeout;

  /** Clients whose {@link #requestTimeout()} is {@code requestTimeout}. */
  public TestingHttpClients(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  /**
   * A new client configured as the test clients are, for tests that build an API client by hand.
   */
  public static HttpClient newClient() {
    return HttpClients.http11OnPlainHttp(
        HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
  }

  @Override
  public HttpClient forPeer(String peer) {
    return client;
  }

  @Override
  public Duration requestTimeout() {
    return requestTimeout;
  }

  @Override
  public void close() {
    client.close();
  }
}
