package org.socialdesk.channel.line;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.socialdesk.channel.json.ChannelJson;

/** LINE's JSON, read leniently: a field may be missing or of another type than the spec says. */
final class LineJson {

  static final ObjectMapper MAPPER = ChannelJson.MAPPER;

  private LineJson() {}

  static JsonNode parse(byte[] body) throws IOException {
    return ChannelJson.parse(body);
  }

  static byte[] write(Object value) {
    return ChannelJson.write(value);
  }

  /** The text of field {@code name}, else null (also for numbers and other kinds). */
  static String text(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
