package org.socialdesk.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Telegram's message entities. Their {@code offset} and {@code length} count UTF-16 code units (so
 * an emoji outside the Basic Multilingual Plane counts 2, a Thai or Persian letter 1), which is
 * exactly how Java strings index: an entity is {@code text.substring(offset, offset + length)}. An
 * entity that falls outside the text or cuts a surrogate pair in half is ignored, never guessed at.
 */
final class TelegramEntities {

  private TelegramEntities() {}

  /** The text an entity covers, if it lies within {@code text} on whole characters. */
  static Optional<String> slice(String text, JsonNode entity) {
    JsonNode offsetNode = entity.get("offset");
    JsonNode lengthNode = entity.get("length");
    if (offsetNode == null
        || lengthNode == null
        || !offsetNode.canConvertToInt()
        || !lengthNode.canConvertToInt()) {
      return Optional.empty();
    }
    int offset = offsetNode.asInt();
    int length = lengthNode.asInt();
    if (offset < 0 || length <= 0 || offset > text.length() || length > text.length() - offset) {
      return Optional.empty();
    }
    int end = offset + length;
    if (cutsPair(text, offset) || cutsPair(text, end)) {
      return Optional.empty();
    }
    return Optional.of(text.substring(offset, end));
  }

  /** The {@code @username} mentions, in order, exactly as they appear in the text. */
  static List<String> mentions(String text, JsonNode entities) {
    List<String> mentions = new ArrayList<>();
    for (JsonNode entity : entities) {
      if ("mention".equals(TelegramJson.text(entity, "type"))) {
        slice(text, entity).filter(mention -> mention.startsWith("@")).ifPresent(mentions::add);
      }
    }
    return mentions;
  }

  /**
   * Whether the text addresses the bot: a {@code mention} of its username, a {@code text_mention}
   * of its user id, or a command aimed at it ({@code /help@ShopBot}).
   */
  static boolean addressBot(String text, JsonNode entities, TelegramBot bot) {
    for (JsonNode entity : entities) {
      String type = TelegramJson.text(entity, "type");
      if ("mention".equals(type) && slice(text, entity).filter(bot::isMentionedAs).isPresent()) {
        return true;
      }
      if ("text_mention".equals(type)
          && bot.id().equals(TelegramJson.id(entity.path("user"), "id"))) {
        return true;
      }
      if ("bot_command".equals(type)
          && slice(text, entity).filter(command -> isCommandTo(command, bot)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCommandTo(String command, TelegramBot bot) {
    int at = command.indexOf('@');
    return at > 0 && bot.isMentionedAs(command.substring(at));
  }

  /** Whether index {@code i} falls between the two halves of a surrogate pair. */
  private static boolean cutsPair(String text, int i) {
    return i > 0
        && i < text.length()
        && Character.isHighSurrogate(text.charAt(i - 1))
        && Character.isLowSurrogate(text.charAt(i));
  }
}
