package org.socialdesk.channel.line;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** LINE's JSON, read leniently: a field may be missing or of another type than the spec says. */
final class LineJson {

  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private LineJson() {}

  static JsonNode parse(byte[] body) throws IOException {
    return MAPPER.readTree(body);
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** The text of field {@code name}, else null (also for numbers and other kinds). */
  static String text(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
