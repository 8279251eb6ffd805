package org.socialdesk.channel.status;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.socialdesk.channel.webhook.WebhookHttp;

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
    Map<String, Object> state;
    try {
      state = status.apply(clock.instant());
    } catch (RuntimeException e) {
      // The channel's tables unreadable (the database down): say so, as a 503, not a 500.
      WebhookHttp.error(
          response,
          HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "the channel's state cannot be read now: " + e.getMessage());
      return;
    }
    WebhookHttp.write(response, HttpServletResponse.SC_OK, state);
  }
}
