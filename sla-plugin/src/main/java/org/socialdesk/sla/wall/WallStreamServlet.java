package org.socialdesk.sla.wall;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/wall/stream}, mounted for admins: the wall's server-sent events. The first event
 * of every connection is a {@code snapshot}; then {@code post}, {@code alert}, {@code board},
 * {@code spike}, {@code lagging}, and a comment line every 15 seconds so proxies and the page can
 * tell a quiet stream from a dead one. Each connection is written by its own virtual thread (the
 * request goes async), so walls hold no server threads.
 */
public final class WallStreamServlet extends HttpServlet {

  private static final Logger LOG = LoggerFactory.getLogger(WallStreamServlet.class);
  public static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final transient WallBroadcaster broadcaster;
  private final Duration heartbeat;

  public WallStreamServlet(WallBroadcaster broadcaster, Duration heartbeat) {
    this.broadcaster = Objects.requireNonNull(broadcaster, "broadcaster");
    this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"/stream".equals(request.getPathInfo())) {
      response.setStatus(404);
      response.setContentType("application/json; charset=utf-8");
      response.getWriter().write("{\"error\":\"not found; try /api/wall/stream\"}");
      return;
    }
    WallBroadcaster.Connection connection;
    try {
      connection = broadcaster.connect();
    } catch (IllegalStateException e) {
      response.sendError(503, e.getMessage());
      return;
    }
    response.setStatus(200);
    response.setContentType("text/event-stream; charset=utf-8");
    response.setHeader("Cache-Control", "no-cache, no-store");
    response.setHeader("X-Accel-Buffering", "no");
    ServletOutputStream out = response.getOutputStream();
    if (!request.isAsyncSupported()) {
      // A container that does not offer async here: write on the request's own thread (the
      // host's Jetty runs requests on virtual threads).
      stream(connection, out);
      return;
    }
    AsyncContext async = request.startAsync();
    async.setTimeout(0);
    Thread.ofVirtual()
        .name("sla-wall-stream")
        .start(
            () -> {
              try {
                stream(connection, out);
              } finally {
                try {
                  async.complete();
                } catch (RuntimeException e) {
                  LOG.debug("Wall stream already complete: {}", e.toString());
                }
              }
            });
  }

  /** Writes the connection's messages, with heartbeats, until the client goes or the wall stops. */
  private void stream(WallBroadcaster.Connection connection, ServletOutputStream out) {
    try (connection) {
      out.write(": socialdesk wall\nretry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (true) {
        WallBroadcaster.Message message = connection.next(heartbeat);
        out.write(
            (message == null ? ": heartbeat\n\n" : message.wire())
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      LOG.debug("Wall stream closed by the client: {}", e.toString());
    } catch (InterruptedException e) {
      LOG.debug("Wall stream ended by the server");
    } catch (RuntimeException e) {
      LOG.warn("Wall stream failed", e);
    }
  }
}
