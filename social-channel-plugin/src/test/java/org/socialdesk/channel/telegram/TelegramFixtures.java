package org.socialdesk.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates and messages as the Bot API sends them (Bot API 8.1 field names; checked by TelegramSpec
 * where they are stubbed).
 */
final class TelegramFixtures {

  static final String TOKEN = "7001234567:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  static final long BOT_ID = 7001234567L;
  static final String BOT_USERNAME = "ShopKiteBot";
  static final TelegramBot BOT = new TelegramBot(Long.toString(BOT_ID), BOT_USERNAME);
  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  static final long GROUP = -1001234567890L;
  static final long CUSTOMER = 123456789L;

  private TelegramFixtures() {}

  static Map<String, Object> user(long id, String firstName, String username) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", id);
    user.put("is_bot", id == BOT_ID);
    user.put("first_name", firstName);
    if (username != null) {
      user.put("username", username);
    }
    user.put("language_code", "fa");
    return user;
  }

  static Map<String, Object> privateChat(long userId, String firstName) {
    return new LinkedHashMap<>(Map.of("id", userId, "type", "private", "first_name", firstName));
  }

  static Map<String, Object> group(long id, String title, String username) {
    Map<String, Object> chat =
        new LinkedHashMap<>(Map.of("id", id, "type", "supergroup", "title", title));
    if (username != null) {
      chat.put("username", username);
    }
    return chat;
  }

  static Map<String, Object> message(
      long messageId, Map<String, Object> chat, Map<String, Object> from, String text) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("message_id", messageId);
    message.put("from", from);
    message.put("chat", chat);
    message.put("date", NOW.minusSeconds(60).getEpochSecond());
    message.put("text", text);
    return message;
  }

  /**
   * A {@code mention} entity over the first occurrence of {@code mention}, at its UTF-16 offset.
   */
  static Map<String, Object> withMention(Map<String, Object> message, String mention) {
    String text = (String) message.get("text");
    int offset = text.indexOf(mention);
    message.put(
        "entities",
        List.of(Map.of("type", "mention", "offset", offset, "length", mention.length())));
    return message;
  }

  static Map<String, Object> update(long updateId, String kind, Map<String, Object> message) {
    Map<String, Object> update = new LinkedHashMap<>();
    update.put("update_id", updateId);
    update.put(kind, message);
    return update;
  }

  static JsonNode json(Object value) {
    return TelegramJson.MAPPER.valueToTree(value);
  }

  static String text(Object value) {
    return new String(TelegramJson.write(value), java.nio.charset.StandardCharsets.UTF_8);
  }
}
