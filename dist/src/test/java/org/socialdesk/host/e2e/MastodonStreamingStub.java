package org.socialdesk.host.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mastodon's streaming server ({@code GET /api/v1/streaming/user}, server-sent events) under the
 * test's control: each connection stays open, sending a {@code :thump} heartbeat every second and
 * whatever event the test sends, until the test drops it. Streams have no replay, which is what the
 * channel's reconnect backfill is for.
 */
final class MastodonStreamingStub implements AutoCloseable {

  private static final String DROP = "\u0000drop";

  private final HttpServer server;
  private final AtomicInteger connections = new AtomicInteger();
  private volatile BlockingQueue<String> current = new LinkedBlockingQueue<>();

  MastodonStreamingStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/streaming/user", this::stream);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int connections() {
    return connections.get();
  }

  /** One event on the open connection, e.g. {@code notification} with the notification's JSON. */
  void send(String event, String data) {
    current.add("event: " + event + "\ndata: " + data + "\n\n");
  }

  /**
   * Ends the open connection, as a restart of Mastodon's streaming server or a network blip does.
   */
  void drop() {
    current.add(DROP);
  }

  private void stream(HttpExchange exchange) throws IOException {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    current = queue;
    connections.incrementAndGet();
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      while (true) {
        String next = queue.poll(1, TimeUnit.SECONDS);
        if (DROP.equals(next)) {
          return;
        }
        out.write((next != null ? next : ":thump\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The channel hung up.
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
