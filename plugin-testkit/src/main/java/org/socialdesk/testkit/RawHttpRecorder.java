package org.socialdesk.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain server socket on loopback that records each request's head byte for byte as the client
 * sent it (request line and headers, before any server library could add, drop or merge one), reads
 * the body, answers {@code 204 No Content} and closes the connection. For tests of what a client
 * puts on the wire, such as an h2c upgrade offer.
 */
public final class RawHttpRecorder implements AutoCloseable {

  /** One request as received: its request line and its headers, names in lower case. */
  public record Head(String requestLine, Map<String, String> headers) {

    public Head {
      headers = Map.copyOf(headers);
    }
  }

  private final ServerSocket socket;
  private final List<Head> heads = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /** Listens on a free loopback port at once. */
  public RawHttpRecorder() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().name("raw-http-recorder").start(this::serve);
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  /** The requests received so far, oldest first. */
  public List<Head> heads() {
    return List.copyOf(heads);
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        answer(connection);
      } catch (IOException e) {
        // closed, or a client that went away: the next connection is served
      }
    }
  }

  private void answer(Socket connection) throws IOException {
    InputStream in = connection.getInputStream();
    Head head = parse(readHead(in));
    heads.add(head);
    long length = Long.parseLong(head.headers().getOrDefault("content-length", "0"));
    in.readNBytes((int) Math.min(length, Integer.MAX_VALUE));
    OutputStream out = connection.getOutputStream();
    out.write(
        "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < end.length && (b = in.read()) != -1) {
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static Head parse(String head) {
    List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
    String requestLine = lines.isEmpty() ? "" : lines.removeFirst();
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.merge(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim(),
            (a, b) -> a + ", " + b);
      }
    }
    return new Head(requestLine, headers);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    socket.close();
    acceptor.join();
  }
}
