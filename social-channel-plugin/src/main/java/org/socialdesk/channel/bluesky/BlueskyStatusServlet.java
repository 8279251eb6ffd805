package org.socialdesk.channel.bluesky;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.socialdesk.channel.json.ChannelJson;

/** {@code GET /api/channels/bluesky/status}, for admins only (the host checks the admin token). */
final class BlueskyStatusServlet extends HttpServlet {

  static final String PATH = "/api/channels/bluesky/status";
  private static final long serialVersionUID = 1L;

  private final transient BlueskyStatus status;
  private final transient Clock clock;

  BlueskyStatusServlet(BlueskyStatus status, Clock clock) {
    this.status = status;
    this.clock = clock;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(200);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(ChannelJson.write(status.toJson(clock.instant())));
  }
}
