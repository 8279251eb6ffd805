package org.socialdesk.channel.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A running Socialdesk's sandbox endpoint as the replay command sees it, on the JDK's own HTTP
 * server: records each request and answers from a script, then "stored" (202) by default.
 */
final class FakeSocialdeskServer implements AutoCloseable {

  static final String PATH = "/api/channels/sandbox/posts";

  /** One request as received. */
  record Received(String method, String path, String authorization, String body) {}

  /** One scripted answer. */
  record Answer(int status, Map<String, String> headers, String body) {
    /** Closes the connection once the request is read, without answering (a server going away). */
    static final Answer DROP_CONNECTION = new Answer(-1, Map.of(), "");

    static Answer of(int status, String body) {
      return new Answer(status, Map.of(), body);
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
  private final HttpServer server;

  FakeSocialdeskServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers the next requests with these, in order, before falling back to 202 stored. */
  void script(Answer... answers) {
    script.addAll(List.of(answers));
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      received.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("Authorization"),
              body));
      Answer answer = script.poll();
      if (answer == null) {
        answer = Answer.of(202, "{\"status\":\"stored\"}");
      }
      if (answer == Answer.DROP_CONNECTION) {
        dropConnection(exchange);
        return;
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      answer.headers().forEach(exchange.getResponseHeaders()::add);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /**
   * The JDK's server offers no way to reset a connection; closing its stream mid-answer ends it.
   */
  private static void dropConnection(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, 100);
    exchange.getResponseBody().close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
