package org.socialdesk.channel.youtube;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.socialdesk.channel.json.ChannelJson;

/** {@code GET /api/channels/youtube/status}, for admins only (the host checks the admin token). */
final class YouTubeStatusServlet extends HttpServlet {

  static final String PATH = "/api/channels/youtube/status";
  private static final long serialVersionUID = 1L;

  private final transient YouTubeStatus status;
  private final transient Clock clock;

  YouTubeStatusServlet(YouTubeStatus status, Clock clock) {
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
