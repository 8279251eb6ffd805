package org.socialdesk.channel.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The JSON every network's client reads and writes with: one mapper, and times read leniently. */
public final class ChannelJson {

  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private ChannelJson() {}

  public static JsonNode parse(byte[] body) throws IOException {
    return MAPPER.readTree(body);
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** An ISO-8601 instant ({@code 2024-01-15T10:30:00.000Z}), or null when absent or malformed. */
  public static Instant instant(String text) {
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
