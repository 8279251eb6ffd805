package org.socialdesk.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.socialdesk.channel.json.ChannelJson;

/** Reading Meta's JSON leniently: any field may be missing or of another type. */
final class MetaJson {

  static final ObjectMapper MAPPER = ChannelJson.MAPPER;

  /** Graph's timestamps: {@code 2024-05-01T10:00:00+0000} (no colon in the offset). */
  private static final DateTimeFormatter GRAPH_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

  private MetaJson() {}

  static JsonNode parse(byte[] body) throws IOException {
    return ChannelJson.parse(body);
  }

  static byte[] write(Object value) {
    return ChannelJson.write(value);
  }

  /** The field as text when it is a text or a number, else null. */
  static String text(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
  }

  /** The field as a non-negative whole number, else -1. */
  static long number(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    if (value != null && value.canConvertToLong() && value.asLong() >= 0) {
      return value.asLong();
    }
    if (value != null && value.isTextual() && value.asText().matches("[0-9]{1,18}")) {
      return Long.parseLong(value.asText());
    }
    return -1;
  }

  /**
   * Unix seconds ({@code created_time}, {@code entry.time}) or milliseconds (messaging {@code
   * timestamp}).
   */
  static Instant epoch(long value, boolean millis) {
    if (value < 0) {
      return null;
    }
    return millis ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
  }

  /** A Graph timestamp ({@code 2024-05-01T10:00:00+0000}) or ISO-8601, or null. */
  static Instant graphTime(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text, GRAPH_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }
}
