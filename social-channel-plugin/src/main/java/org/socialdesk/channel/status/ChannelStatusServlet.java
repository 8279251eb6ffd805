package org.socialdesk.channel.status;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.socialdesk.channel.json.ChannelJson;

/**
 * {@code GET /api/channels/<network>/status}: a polling channel's state for admins (last intake,
 * cursor, errors, rate-limit or quota state). Mounted with admin access; the host checks the token.
 */
public final class ChannelStatusServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Function<Instant, Map<String, Object>> status;
  private final transient Clock clock;

  /**
   * @param status the channel's state as JSON-ready values at the given instant
   */
  public ChannelStatusServlet(Function<Instant, Map<String, Object>> status, Clock clock) {
    this.status = status;
    this.clock = clock;
  }

  /** The path a network's status is served at. */
  public static String path(String network) {
    return "/api/channels/" + network + "/status";
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(200);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(ChannelJson.write(status.apply(clock.instant())));
  }
}
