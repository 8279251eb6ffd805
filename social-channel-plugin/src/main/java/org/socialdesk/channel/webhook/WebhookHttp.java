package org.socialdesk.channel.webhook;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.socialdesk.channel.json.ChannelJson;

/**
 * What every network's webhook endpoint does the same way: read a bounded raw body (signatures are
 * computed over the exact bytes, so it is read before anything parses it) and answer JSON.
 */
public final class WebhookHttp {

  /** Far above any delivery a network sends (X, Meta, LINE and Telegram stay in the kilobytes). */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private WebhookHttp() {}

  /** The raw body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
  public static byte[] body(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      return null;
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }

  /**
   * {@code 503} with {@code Retry-After: 60}: nothing could be stored, so the network must deliver
   * again (what was stored before is then a duplicate).
   */
  public static void unavailable(HttpServletResponse response) throws IOException {
    response.setHeader("Retry-After", "60");
    error(
        response,
        HttpServletResponse.SC_SERVICE_UNAVAILABLE,
        "Socialdesk cannot store events right now; deliver again later");
  }

  /** {@code {"error": message}} with the status. */
  public static void error(HttpServletResponse response, int status, String message)
      throws IOException {
    write(response, status, Map.of("error", message));
  }

  public static void write(HttpServletResponse response, int status, Object body)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(ChannelJson.write(body));
  }
}
