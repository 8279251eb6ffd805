package org.socialdesk.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import org.socialdesk.channel.json.ChannelJson;

/** Reading X's JSON leniently: a field may be missing, or named the old way or the new way. */
final class XJson {

  static final ObjectMapper MAPPER = ChannelJson.MAPPER;

  private XJson() {}

  static JsonNode parse(byte[] body) throws IOException {
    return ChannelJson.parse(body);
  }

  static byte[] write(Object value) {
    return ChannelJson.write(value);
  }

  /** The first of {@code names} that holds a text (or a number, as text), else null. */
  static String text(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode value = node == null ? null : node.get(name);
      if (value != null && (value.isTextual() || value.isNumber())) {
        return value.asText();
      }
    }
    return null;
  }

  /** The first of {@code names} that holds a non-negative whole number, else 0. */
  static long count(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode value = node == null ? null : node.get(name);
      if (value != null && value.canConvertToLong() && value.asLong() >= 0) {
        return value.asLong();
      }
    }
    return 0;
  }

  /** The first of {@code names} that holds an array or object, else a missing node. */
  static JsonNode child(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode value = node == null ? null : node.get(name);
      if (value != null && (value.isArray() || value.isObject())) {
        return value;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** An ISO-8601 instant ({@code 2024-01-15T10:30:00.000Z}), or null when absent or malformed. */
  static Instant instant(String text) {
    return ChannelJson.instant(text);
  }
}
