package org.socialdesk.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What an X error answer says, in one line: the v2 Problem ({@code title}, {@code detail}), the
 * legacy {@code {"errors":[{"code","message"}]}} body, or the start of whatever else came.
 */
final class XProblem {

  private static final int MAX_RAW = 200;

  private XProblem() {}

  /** E.g. {@code 403 Forbidden: You are not allowed to create a Tweet with duplicate content.} */
  static String describe(int status, byte[] body) {
    String text = detail(body);
    return text.isEmpty() ? String.valueOf(status) : status + " " + text;
  }

  /** The message alone, or empty when the body says nothing. */
  static String detail(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      JsonNode json = XJson.parse(body);
      String title = XJson.text(json, "title");
      String detail = XJson.text(json, "detail");
      if (title != null || detail != null) {
        return title == null
            ? detail
            : detail == null || detail.equals(title) ? title : title + ": " + detail;
      }
      JsonNode errors = json.path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        JsonNode first = errors.get(0);
        String message = XJson.text(first, "message", "detail", "title");
        String code = XJson.text(first, "code");
        if (message != null) {
          return code == null ? message : message + " (code " + code + ")";
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON: quote the start of it below.
    }
    String raw = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    return raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "..." : raw;
  }
}
