package org.socialdesk.channel.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Jackson for the channel: YouTube's answers, and the bodies it sends. */
final class YouTubeJson {

  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private YouTubeJson() {}

  static JsonNode parse(byte[] body) throws IOException {
    return MAPPER.readTree(body);
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write JSON", e);
    }
  }

  /** The text at {@code path} (field names), or null when absent or not a text. */
  static String text(JsonNode node, String... path) {
    JsonNode value = node;
    for (String name : path) {
      value = value == null ? null : value.get(name);
    }
    return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
  }

  /** An RFC 3339 time ({@code 2026-12-03T10:15:30Z}), or null when absent or malformed. */
  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
