package org.socialdesk.host.httpclient;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.socialdesk.api.HttpClients;
import org.socialdesk.host.config.HttpClientConfig;

/**
 * One JDK {@link HttpClient} per peer, with the configured connect timeout, no redirects (a network
 * answering with a redirect is a surprise to report, not follow), virtual threads, and HTTP/1.1 on
 * plain http (HTTP/2 over https only: see {@link HttpClients#http11OnPlainHttp}).
 */
public final class JdkHttpClients implements HttpClients, AutoCloseable {

  private final HttpClientConfig config;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

  public JdkHttpClients(HttpClientConfig config) {
    this.config = config;
  }

  @Override
  public HttpClient forPeer(String peer) {
    return clients.computeIfAbsent(peer, name -> newClient());
  }

  @Override
  public Duration requestTimeout() {
    return config.requestTimeout();
  }

  private HttpClient newClient() {
    return HttpClients.http11OnPlainHttp(
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build());
  }

  @Override
  public void close() {
    clients.values().forEach(HttpClient::close);
    executor.close();
  }
}
