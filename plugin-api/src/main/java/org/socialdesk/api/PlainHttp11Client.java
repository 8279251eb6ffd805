package org.socialdesk.api;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK client that sends plain {@code http://} requests as HTTP/1.1 and leaves {@code https://}
 * ones to the client's version (HTTP/2 when the server offers it by ALPN). Why: for an HTTP/2
 * client the JDK offers an h2c upgrade on plain http ({@code Connection: Upgrade, HTTP2-Settings},
 * {@code Upgrade: h2c}); receivers and proxies that mishandle it drop the request, and the sender
 * sees "header parser received no bytes". Nobody runs h2c on purpose, so nothing is lost.
 */
final class PlainHttp11Client extends HttpClient {

  private final HttpClient client;

  PlainHttp11Client(HttpClient client) {
    this.client = client;
  }

  /** {@code request} as it is sent: HTTP/1.1 on plain http unless it asks for a version itself. */
  static HttpRequest versioned(HttpRequest request) {
    if (!"http".equalsIgnoreCase(request.uri().getScheme()) || request.version().isPresent()) {
      return request;
    }
    return HttpRequest.newBuilder(request, (name, value) -> true).version(Version.HTTP_1_1).build();
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return client.send(versioned(request), handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return client.sendAsync(versioned(request), handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return client.sendAsync(versioned(request), handler, pushPromiseHandler);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return client.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return client.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return client.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return client.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return client.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return client.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return client.authenticator();
  }

  @Override
  public Version version() {
    return client.version();
  }

  @Override
  public Optional<Executor> executor() {
    return client.executor();
  }

  /** WebSockets open with an HTTP/1.1 upgrade whatever the version. */
  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return client.newWebSocketBuilder();
  }

  @Override
  public void shutdown() {
    client.shutdown();
  }

  @Override
  public boolean awaitTermination(Duration duration) throws InterruptedException {
    return client.awaitTermination(duration);
  }

  @Override
  public boolean isTerminated() {
    return client.isTerminated();
  }

  @Override
  public void shutdownNow() {
    client.shutdownNow();
  }

  @Override
  public void close() {
    client.close();
  }
}
