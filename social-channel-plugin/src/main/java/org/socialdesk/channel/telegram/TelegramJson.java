package org.socialdesk.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.socialdesk.channel.json.ChannelJson;

/** Reading the Bot API's JSON leniently: a field may be missing or of another type. */
final class TelegramJson {

  static final ObjectMapper MAPPER = ChannelJson.MAPPER;

  private TelegramJson() {}

  static JsonNode parse(byte[] body) throws IOException {
    return ChannelJson.parse(body);
  }

  static byte[] write(Object value) {
    return ChannelJson.write(value);
  }

  /** The field as text when it is a string, null otherwise. */
  static String text(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /** The field as a whole number's decimal text (Telegram's ids are integers), null otherwise. */
  static String id(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    return value != null && value.isIntegralNumber() && value.canConvertToLong()
        ? Long.toString(value.asLong())
        : null;
  }

  static boolean isTrue(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    return value != null && value.isBoolean() && value.asBoolean();
  }
}
