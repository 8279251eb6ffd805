package org.socialdesk.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

/**
 * Decides what an update means for the brand and turns it into posts. Taken in:
 *
 * <ul>
 *   <li>{@code message} in a private chat with the bot: a private post; the chat is the
 *       conversation (one ticket per customer);
 *   <li>{@code message} in a group or supergroup that mentions the bot (an {@code @username} or
 *       {@code text_mention} entity, or a command aimed at it) or replies to one of its messages: a
 *       public post (the group reads the answer); one conversation per customer per group (per
 *       forum topic in a forum supergroup);
 *   <li>a comment on the brand's channel, which Telegram delivers as a reply, in the channel's
 *       linked discussion group, to the automatic forward of the channel post: a public post; one
 *       conversation per customer per channel post;
 *   <li>{@code business_message} from a customer to the brand's Telegram Business account (when
 *       enabled): a private post; one conversation per customer;
 *   <li>the {@code edited_} forms of these: an edit.
 * </ul>
 *
 * Everything else (channel posts, group chatter not addressed to the bot, messages of bots or on
 * behalf of chats, the business account's own messages, other update kinds) is ignored.
 *
 * <p>Post ids are {@code <chat id>:<message id>} (message ids are unique per chat only), with a
 * {@code b} before business chats, whose ids are the customers' user ids like private chats with
 * the bot.
 */
final class TelegramReader {

  static final String NETWORK = "telegram";
  static final String CHAT_TYPE = "telegramChatType";
  static final String MENTIONS = "telegramMentions";

  private static final List<String> KINDS =
      List.of("message", "edited_message", "business_message", "edited_business_message");

  private final Supplier<TelegramBot> bot;
  private final TelegramConfig config;

  /** {@code bot} is asked only for group messages, which need its username. */
  TelegramReader(Supplier<TelegramBot> bot, TelegramConfig config) {
    this.bot = bot;
    this.config = config;
  }

  /** The update's meaning; an update without an {@code update_id} is not one. */
  TelegramInbound read(JsonNode update) {
    JsonNode idNode = update.get("update_id");
    if (idNode == null || !idNode.canConvertToLong() || !idNode.isIntegralNumber()) {
      return new TelegramInbound.Unreadable(-1, update.toString(), "the update has no update_id");
    }
    long updateId = idNode.asLong();
    for (String kind : KINDS) {
      if (update.get(kind) instanceof JsonNode message && message.isObject()) {
        try {
          return message(updateId, kind, message);
        } catch (IllegalArgumentException | NullPointerException e) {
          return new TelegramInbound.Unreadable(
              updateId, update.toString(), "cannot read the " + kind + ": " + e.getMessage());
        }
      }
    }
    String kind =
        update.properties().stream()
            .map(Map.Entry::getKey)
            .filter(name -> !name.equals("update_id"))
            .findFirst()
            .orElse("nothing");
    return new TelegramInbound.Ignored(
        updateId, "an update of a kind Socialdesk does not take in (" + kind + ")");
  }

  private TelegramInbound message(long updateId, String kind, JsonNode message) {
    boolean business = kind.contains("business");
    if (business && !config.business()) {
      return new TelegramInbound.Ignored(
          updateId,
          "a Telegram Business message, and plugins.social-channel.telegram.business is off");
    }
    JsonNode chat = message.path("chat");
    String chatId = require(TelegramJson.id(chat, "id"), "chat.id");
    String chatType = require(TelegramJson.text(chat, "type"), "chat.type");
    String messageId = require(TelegramJson.id(message, "message_id"), "message_id");
    JsonNode from = message.path("from");
    String fromId = TelegramJson.id(from, "id");
    if (fromId == null || TelegramJson.isTrue(from, "is_bot")) {
      return new TelegramInbound.Ignored(updateId, "sent by a bot or on behalf of a chat");
    }
    Thread thread = thread(updateId, business, chatId, chatType, fromId, message);
    if (thread.ignored() != null) {
      return thread.ignored();
    }
    SocialPost post = post(thread, chatId, chatType, messageId, from, message);
    String connection = TelegramJson.text(message, "business_connection_id");
    if (!kind.startsWith("edited_")) {
      return new TelegramInbound.Post(updateId, post, connection);
    }
    Instant editedAt =
        Instant.ofEpochSecond(message.path("edit_date").asLong(post.postedAt().getEpochSecond()));
    return new TelegramInbound.Edit(
        updateId, post, new InboundEvent.PostEdited(post.key(), post.text(), editedAt), connection);
  }

  /** Where a message belongs: its conversation, visibility and id prefix; or why it is ignored. */
  private record Thread(
      String conversationId,
      Visibility visibility,
      String prefix,
      TelegramInbound.Ignored ignored) {
    static Thread ignore(long updateId, String why) {
      return new Thread(null, null, null, new TelegramInbound.Ignored(updateId, why));
    }
  }

  private Thread thread(
      long updateId,
      boolean business,
      String chatId,
      String chatType,
      String fromId,
      JsonNode message) {
    if (business) {
      // In a business chat the customer is the chat; a message from anyone else is the brand's own.
      return fromId.equals(chatId)
          ? new Thread("b" + chatId, Visibility.PRIVATE, "b", null)
          : Thread.ignore(updateId, "the business account's own message");
    }
    return switch (chatType) {
      case "private" -> new Thread(chatId, Visibility.PRIVATE, "", null);
      case "group", "supergroup" -> groupThread(updateId, chatId, fromId, message);
      default -> Thread.ignore(updateId, "a message in a " + chatType + " chat");
    };
  }

  private Thread groupThread(long updateId, String chatId, String fromId, JsonNode message) {
    if (TelegramJson.isTrue(message, "is_automatic_forward")) {
      return Thread.ignore(
          updateId, "the automatic forward of a channel post into its discussion group");
    }
    JsonNode answered = message.path("reply_to_message");
    if (config.comments() && TelegramJson.isTrue(answered, "is_automatic_forward")) {
      return new Thread(
          chatId
              + ":t"
              + require(TelegramJson.id(answered, "message_id"), "reply_to_message.message_id")
              + ":u"
              + fromId,
          Visibility.PUBLIC,
          "",
          null);
    }
    if (!config.groups()) {
      return Thread.ignore(
          updateId, "a group message, and plugins.social-channel.telegram.groups is off");
    }
    TelegramBot me = bot.get();
    boolean answersBot = me.id().equals(TelegramJson.id(answered.path("from"), "id"));
    if (answersBot || TelegramEntities.addressBot(text(message), entities(message), me)) {
      return new Thread(chatId + topic(message) + ":u" + fromId, Visibility.PUBLIC, "", null);
    }
    return Thread.ignore(updateId, "a group message that neither mentions the bot nor answers it");
  }

  /**
   * {@code :m<thread id>} for a message in a forum topic, so that each topic is a conversation of
   * its own and the reply can be sent into the same topic; empty otherwise.
   */
  private static String topic(JsonNode message) {
    String threadId = TelegramJson.id(message, "message_thread_id");
    return TelegramJson.isTrue(message, "is_topic_message") && threadId != null
        ? ":m" + threadId
        : "";
  }

  private SocialPost post(
      Thread thread,
      String chatId,
      String chatType,
      String messageId,
      JsonNode from,
      JsonNode message) {
    String text = text(message);
    String answered = TelegramJson.id(message.path("reply_to_message"), "message_id");
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(CHAT_TYPE, thread.prefix().isEmpty() ? chatType : "business");
    List<String> mentions = TelegramEntities.mentions(text, entities(message));
    if (!mentions.isEmpty()) {
      attributes.put(MENTIONS, String.join(" ", mentions));
    }
    long date = message.path("date").asLong(-1);
    if (date < 0) {
      throw new IllegalArgumentException("date is missing");
    }
    return new SocialPost(
        new PostKey(NETWORK, thread.prefix() + chatId + ":" + messageId),
        thread.conversationId(),
        answered == null ? null : thread.prefix() + chatId + ":" + answered,
        author(from),
        text,
        Instant.ofEpochSecond(date),
        thread.visibility(),
        thread.visibility() == Visibility.PUBLIC
            ? url(message.path("chat"), chatId, messageId)
            : null,
        Engagement.NONE,
        attributes);
  }

  private static Author author(JsonNode from) {
    String id = TelegramJson.id(from, "id");
    String username = TelegramJson.text(from, "username");
    String first = TelegramJson.text(from, "first_name");
    String last = TelegramJson.text(from, "last_name");
    String name = ((first == null ? "" : first) + (last == null ? "" : " " + last)).strip();
    String handle = username != null && !username.isBlank() ? username : "id" + id;
    return new Author(NETWORK, id, handle, name.isEmpty() ? handle : name, 0, false, 0, null);
  }

  /**
   * A link members can open: public supergroups by username, private supergroups by {@code
   * t.me/c/}.
   */
  private static URI url(JsonNode chat, String chatId, String messageId) {
    String username = TelegramJson.text(chat, "username");
    if (username != null && username.matches("[A-Za-z0-9_]{4,32}")) {
      return URI.create("https://t.me/" + username + "/" + messageId);
    }
    return chatId.startsWith("-100")
        ? URI.create("https://t.me/c/" + chatId.substring(4) + "/" + messageId)
        : null;
  }

  /** The message's text, its media caption, or a placeholder naming what was sent. */
  static String text(JsonNode message) {
    String text = TelegramJson.text(message, "text");
    if (text != null) {
      return text;
    }
    String caption = TelegramJson.text(message, "caption");
    String media = media(message);
    if (caption != null) {
      return "[" + media + "] " + caption;
    }
    return "[" + media + " — open the chat in Telegram to see it]";
  }

  private static String media(JsonNode message) {
    for (String kind :
        List.of(
            "photo",
            "video",
            "voice",
            "audio",
            "document",
            "sticker",
            "animation",
            "video_note",
            "location",
            "contact",
            "poll")) {
      if (message.has(kind)) {
        return kind.replace('_', ' ');
      }
    }
    return "a message without text";
  }

  private static JsonNode entities(JsonNode message) {
    JsonNode entities =
        message.has("text") ? message.path("entities") : message.path("caption_entities");
    return entities.isArray() ? entities : MissingNode.getInstance();
  }

  private static String require(String value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing or not of its type");
    }
    return value;
  }
}
