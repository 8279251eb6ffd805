package org.socialdesk.channel.mastodon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Mastodon's streaming server as tests need it: {@code GET /api/v1/streaming/user} answers each
 * connection with the next scripted one, written chunk by chunk, then either drops the connection
 * or holds it open until the test ends. A connection with no script left is held open silently.
 */
final class FakeStreamingServer implements AutoCloseable {

  /** What one connection sends; {@code drop} closes it after the last chunk. */
  record Connection(List<String> chunks, boolean drop) {}

  final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Connection> scripts = new LinkedBlockingQueue<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final HttpServer server;

  FakeStreamingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/streaming/user", this::stream);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void then(Connection connection) {
    scripts.add(connection);
  }

  int connections() {
    return authorizations.size();
  }

  private void stream(HttpExchange exchange) throws IOException {
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    Connection script = scripts.poll();
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream body = exchange.getResponseBody()) {
      if (script != null) {
        for (String chunk : script.chunks()) {
          body.write(chunk.getBytes(StandardCharsets.UTF_8));
          body.flush();
        }
      }
      if (script == null || !script.drop()) {
        closing.await(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
