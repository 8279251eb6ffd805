package org.socialdesk.channel.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.socialdesk.channel.json.ChannelJson;

/**
 * What a Google API error answer says: {@code {"error":{"code","message","errors":[{"reason",
 * "domain","message"}]}}}, in one line.
 */
final class YouTubeProblem {

  static final String QUOTA_EXCEEDED = "quotaExceeded";

  /**
   * Short-term limits (requests per second or minute): worth trying again soon, unlike the daily
   * quota.
   */
  static final java.util.Set<String> RATE_LIMITED =
      java.util.Set.of("rateLimitExceeded", "userRateLimitExceeded");

  private static final int MAX_RAW = 200;

  private YouTubeProblem() {}

  /**
   * E.g. {@code 403 quotaExceeded: The request cannot be completed because you have exceeded your
   * quota.}
   */
  static String describe(int status, byte[] body) {
    String reason = reason(body);
    String message = message(body);
    return status
        + (reason != null ? " " + reason : "")
        + (message.isEmpty() ? "" : ": " + message);
  }

  /** The first error's reason ({@code quotaExceeded}, {@code commentsDisabled}...), or null. */
  static String reason(byte[] body) {
    JsonNode error = error(body);
    return error == null ? null : YouTubeJson.text(error.path("errors").path(0), "reason");
  }

  private static String message(byte[] body) {
    JsonNode error = error(body);
    String message = error == null ? null : YouTubeJson.text(error, "message");
    if (message != null) {
      return message;
    }
    if (body == null || body.length == 0 || error != null) {
      return "";
    }
    String raw = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    return raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "..." : raw;
  }

  private static JsonNode error(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode error = ChannelJson.parse(body).get("error");
      return error != null && error.isObject() ? error : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
