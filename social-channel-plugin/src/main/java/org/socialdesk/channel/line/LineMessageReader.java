package org.socialdesk.channel.line;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.socialdesk.api.social.UntrustedText;

/**
 * Reads a webhook {@code message} event (line-webhook.yml, {@code MessageEvent}) into a {@link
 * LineIncoming}. Text is kept exactly as LINE sent it; other kinds become a placeholder an agent
 * can read, with a link to the content where LINE holds it ({@link LineContentLinks}), never LINE's
 * URL with the token.
 */
final class LineMessageReader {

  /** An event that cannot become a message, with the reason for the quarantine. */
  static final class Unreadable extends Exception {
    Unreadable(String reason) {
      super(reason);
    }
  }

  private final LineContentLinks links;

  LineMessageReader(LineContentLinks links) {
    this.links = links;
  }

  LineIncoming read(String webhookEventId, JsonNode event) throws Unreadable {
    JsonNode message = event.path("message");
    JsonNode source = event.path("source");
    String messageId = id(LineJson.text(message, "id"), "message.id");
    String sourceType = Optional.ofNullable(LineJson.text(source, "type")).orElse("");
    String chatId =
        switch (sourceType) {
          case "user" -> id(LineJson.text(source, "userId"), "source.userId");
          case "group" -> id(LineJson.text(source, "groupId"), "source.groupId");
          case "room" -> id(LineJson.text(source, "roomId"), "source.roomId");
          default ->
              throw new Unreadable(
                  "source.type '"
                      + UntrustedText.forLog(sourceType)
                      + "' is not user, group or room");
        };
    String userId =
        LineJson.text(source, "userId") == null
            ? null
            : id(LineJson.text(source, "userId"), "source.userId");
    String kind =
        Optional.ofNullable(LineJson.text(message, "type"))
            .orElseThrow(() -> new Unreadable("message.type is missing"));
    String text = text(kind, messageId, message);
    String quoted = LineJson.text(message, "quotedMessageId");
    if (quoted != null) {
      quoted = id(quoted, "message.quotedMessageId");
    }
    List<String> selfMentions = selfMentions(message, text);
    return new LineIncoming(
        webhookEventId,
        event.path("deliveryContext").path("isRedelivery").asBoolean(false),
        messageId,
        sourceType,
        chatId,
        userId,
        kind,
        text,
        LineJson.text(event, "replyToken"),
        LineJson.text(message, "quoteToken"),
        quoted,
        !selfMentions.isEmpty(),
        selfMentions,
        time(event));
  }

  /** The event's time, {@code timestamp} in milliseconds. */
  static Instant time(JsonNode event) throws Unreadable {
    JsonNode timestamp = event.path("timestamp");
    if (!timestamp.canConvertToLong() || timestamp.asLong() <= 0) {
      throw new Unreadable("timestamp is missing or not a time in milliseconds");
    }
    return Instant.ofEpochMilli(timestamp.asLong());
  }

  static String id(String id, String field) throws Unreadable {
    Optional<String> problem = UntrustedText.idProblem(id);
    if (problem.isPresent()) {
      throw new Unreadable(field + ": " + problem.get());
    }
    return id;
  }

  /**
   * Where the account itself is mentioned, as {@code index:length}. LINE counts both in UTF-16 code
   * units (its "Character counting in a text"), as Java strings do, so a mention is {@code
   * text.substring(index, index + length)} in any script; one that falls outside the text is left
   * out, and still counts as a mention of the account.
   */
  private static List<String> selfMentions(JsonNode message, String text) {
    List<String> found = new ArrayList<>();
    boolean self = false;
    for (JsonNode mentionee : message.path("mention").path("mentionees")) {
      if (!mentionee.path("isSelf").asBoolean(false)) {
        continue;
      }
      self = true;
      int index = mentionee.path("index").asInt(-1);
      int length = mentionee.path("length").asInt(-1);
      if (index >= 0 && length > 0 && index + length <= text.length()) {
        found.add(index + ":" + length);
      }
    }
    if (self && found.isEmpty()) {
      found.add("self");
    }
    return found;
  }

  private String text(String kind, String messageId, JsonNode message) throws Unreadable {
    return switch (kind) {
      case "text" ->
          Optional.ofNullable(LineJson.text(message, "text"))
              .orElseThrow(() -> new Unreadable("message.text is missing"));
      case "image" -> "[image" + ofSet(message) + "] " + contentLink(messageId, message);
      case "video" -> "[video" + duration(message) + "] " + contentLink(messageId, message);
      case "audio" -> "[audio" + duration(message) + "] " + contentLink(messageId, message);
      case "file" ->
          "[file: "
              + Optional.ofNullable(LineJson.text(message, "fileName")).orElse("unnamed")
              + size(message)
              + "] "
              + links.link(messageId);
      case "location" -> location(message);
      case "sticker" -> sticker(message);
      default ->
          "["
              + UntrustedText.forLog(kind)
              + " message: Socialdesk cannot show this kind; open the chat in LINE]";
    };
  }

  /**
   * LINE's own content through Socialdesk's signed link; content hosted elsewhere by its own URL,
   * which holds no token.
   */
  private String contentLink(String messageId, JsonNode message) {
    JsonNode provider = message.path("contentProvider");
    String external = LineJson.text(provider, "originalContentUrl");
    if ("external".equals(LineJson.text(provider, "type"))
        && external != null
        && external.startsWith("https://")) {
      return external;
    }
    return links.link(messageId);
  }

  private static String ofSet(JsonNode message) {
    JsonNode set = message.path("imageSet");
    return set.path("index").canConvertToInt() && set.path("total").canConvertToInt()
        ? " " + set.path("index").asInt() + " of " + set.path("total").asInt()
        : "";
  }

  private static String duration(JsonNode message) {
    JsonNode duration = message.path("duration");
    return duration.canConvertToLong()
        ? ", " + Math.max(1, Math.round(duration.asLong() / 1000.0)) + " s"
        : "";
  }

  private static String size(JsonNode message) {
    JsonNode size = message.path("fileSize");
    if (!size.canConvertToLong()) {
      return "";
    }
    long bytes = size.asLong();
    return bytes >= 1_000_000
        ? String.format(Locale.ROOT, ", %.1f MB", bytes / 1e6)
        : bytes >= 1_000
            ? String.format(Locale.ROOT, ", %d KB", Math.round(bytes / 1e3))
            : ", " + bytes + " bytes";
  }

  private static String location(JsonNode message) {
    StringBuilder text = new StringBuilder("[location]");
    for (String field : new String[] {"title", "address"}) {
      String value = LineJson.text(message, field);
      if (value != null && !value.isBlank()) {
        text.append(" ").append(value);
      }
    }
    return text.append(
            String.format(
                Locale.ROOT,
                " (%.6f, %.6f)",
                message.path("latitude").asDouble(),
                message.path("longitude").asDouble()))
        .toString();
  }

  /**
   * Stickers live on LINE's public sticker shop, not behind the content API: described, not linked.
   */
  private static String sticker(JsonNode message) {
    StringBuilder text = new StringBuilder("[sticker");
    List<String> keywords = new ArrayList<>();
    message.path("keywords").forEach(keyword -> keywords.add(keyword.asText()));
    if (!keywords.isEmpty()) {
      text.append(": ")
          .append(String.join(", ", keywords.subList(0, Math.min(5, keywords.size()))));
    }
    text.append("] (package ")
        .append(LineJson.text(message, "packageId"))
        .append(", sticker ")
        .append(LineJson.text(message, "stickerId"))
        .append(")");
    String typed = LineJson.text(message, "text");
    return typed == null || typed.isBlank() ? text.toString() : text + " " + typed;
  }
}
