package org.socialdesk.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.api.social.Visibility;

/**
 * Reads an Account Activity delivery, which keeps the v1.1 shapes (not in X's OpenAPI): {@code
 * tweet_create_events} (mentions and replies), {@code direct_message_events} and {@code
 * tweet_delete_events}; other event kinds (likes, follows, ...) are ignored, as are the brand's own
 * posts and messages and deliveries for another subscribed account.
 *
 * <p>Approximations, because v1.1 lacks v2's fields: a post's conversation is the post it answers
 * ({@code in_reply_to_status_id_str}), or itself; the host's router joins it to the ticket of the
 * answered post when that post is known. A DM's conversation is X's one-to-one id, the two user ids
 * ascending joined by a dash, as {@code GET /2/dm_events} names it.
 */
final class XActivityReader {

  /** v1.1 timestamps: {@code Wed Oct 10 20:19:24 +0000 2018}. */
  static final DateTimeFormatter V1_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss xx yyyy", Locale.ROOT);

  private static final Logger log = LoggerFactory.getLogger(XActivityReader.class);

  private final String brandUserId;
  private final Clock clock;

  XActivityReader(String brandUserId, Clock clock) {
    this.brandUserId = brandUserId;
    this.clock = clock;
  }

  /** The customers' events of one delivery, in delivery order. */
  List<XInbound> read(JsonNode delivery) {
    List<XInbound> items = new ArrayList<>();
    String forUser = XJson.text(delivery, "for_user_id");
    if (forUser != null && !forUser.equals(brandUserId)) {
      log.info(
          "x: ignored a webhook delivery for user {}, not the brand {}",
          UntrustedText.forLog(forUser),
          brandUserId);
      return items;
    }
    for (JsonNode tweet : delivery.path("tweet_create_events")) {
      readSafely(tweet, this::tweet, items);
    }
    Map<String, JsonNode> users = users(delivery.path("users"));
    for (JsonNode event : delivery.path("direct_message_events")) {
      readSafely(event, e -> message(e, users), items);
    }
    for (JsonNode deletion : delivery.path("tweet_delete_events")) {
      readSafely(deletion, this::deletion, items);
    }
    return items;
  }

  /**
   * Adds what {@code read} makes of one event; an event it cannot read becomes {@link
   * XInbound.Unreadable}.
   */
  private static void readSafely(
      JsonNode event, Function<JsonNode, XInbound> read, List<XInbound> items) {
    try {
      XInbound item = read.apply(event);
      if (item != null) {
        items.add(item);
      }
    } catch (RuntimeException e) {
      String id = XJson.text(event, "id_str", "id");
      String reason = "cannot read the event: " + e.getMessage();
      log.warn("x: quarantining a webhook event ({})", UntrustedText.forLog(reason));
      items.add(new XInbound.Unreadable(id == null ? "" : id, event.toString(), reason));
    }
  }

  private XInbound deletion(JsonNode deletion) {
    String id = XJson.text(deletion.path("status"), "id_str", "id");
    String userId = XJson.text(deletion.path("status"), "user_id_str", "user_id");
    if (id == null || brandUserId.equals(userId)) {
      return null;
    }
    XIds.requireSafe("status.id", id);
    Instant at = millis(XJson.text(deletion, "timestamp_ms"));
    return new XInbound.Deleted(
        id,
        new InboundEvent.PostDeleted(
            new PostKey(XPostReader.NETWORK, id), at != null ? at : clock.instant()));
  }

  private XInbound tweet(JsonNode tweet) {
    String id = XJson.text(tweet, "id_str", "id");
    JsonNode user = tweet.path("user");
    String userId = XJson.text(user, "id_str", "id");
    if (id == null || userId == null) {
      log.warn("x: skipped a tweet_create_event without id_str or user.id_str");
      return null;
    }
    if (userId.equals(brandUserId) || tweet.has("retweeted_status")) {
      return null;
    }
    String inReplyTo = XJson.text(tweet, "in_reply_to_status_id_str");
    JsonNode edits = tweet.path("edit_history");
    String originalId = XJson.text(edits, "initial_tweet_id");
    originalId = originalId != null && !originalId.isBlank() ? originalId : id;
    XIds.requireSafe("id_str", id);
    XIds.requireSafe("edit_history.initial_tweet_id", originalId);
    if (inReplyTo != null && !inReplyTo.isBlank()) {
      XIds.requireSafe("in_reply_to_status_id_str", inReplyTo);
    }
    Map<String, String> attributes = new HashMap<>();
    String quoted = XJson.text(tweet, "quoted_status_id_str");
    if (quoted != null) {
      attributes.put(SocialPost.QUOTED_POST_ID, quoted);
    }
    String lang = XJson.text(tweet, "lang");
    if (lang != null && !lang.isBlank() && !lang.equals("und")) {
      attributes.put("lang", lang);
    }
    String text = XJson.text(tweet.path("extended_tweet"), "full_text");
    text = text != null ? text : XJson.text(tweet, "full_text", "text");
    Instant postedAt =
        firstOf(
            v1Time(XJson.text(tweet, "created_at")),
            millis(XJson.text(tweet, "timestamp_ms")),
            XIds.timeOf(id));
    Author author = author(userId, user);
    SocialPost post =
        new SocialPost(
            new PostKey(XPostReader.NETWORK, originalId),
            inReplyTo != null && !inReplyTo.isBlank() ? inReplyTo : originalId,
            inReplyTo,
            author,
            text == null ? "" : text,
            originalId.equals(id) ? postedAt : firstOf(XIds.timeOf(originalId), postedAt),
            Visibility.PUBLIC,
            XPostReader.statusUrl(
                author.handle().equals(userId) ? null : author.handle(), originalId),
            new Engagement(
                XJson.count(tweet, "favorite_count"), XJson.count(tweet, "retweet_count"),
                XJson.count(tweet, "reply_count"), XJson.count(tweet, "quote_count")),
            attributes);
    return originalId.equals(id)
        ? new XInbound.Post(id, post)
        : new XInbound.Edit(
            id, post, new InboundEvent.PostEdited(post.key(), post.text(), postedAt));
  }

  private XInbound message(JsonNode event, Map<String, JsonNode> users) {
    if (!"message_create".equals(XJson.text(event, "type"))) {
      return null;
    }
    String id = XJson.text(event, "id");
    JsonNode create = event.path("message_create");
    String senderId = XJson.text(create, "sender_id");
    String recipientId = XJson.text(create.path("target"), "recipient_id");
    if (id == null || senderId == null) {
      log.warn("x: skipped a direct_message_event without id or sender_id");
      return null;
    }
    if (senderId.equals(brandUserId)) {
      return null;
    }
    String text = XJson.text(create.path("message_data"), "text");
    String conversationId =
        XIds.oneToOneConversation(senderId, recipientId != null ? recipientId : brandUserId);
    XIds.requireSafe("id", id);
    XIds.requireSafe("conversation (sender_id-recipient_id)", conversationId);
    SocialPost message =
        new SocialPost(
            new PostKey(XPostReader.NETWORK, id),
            conversationId,
            null,
            author(senderId, users.get(senderId)),
            text == null ? "" : text,
            firstOf(millis(XJson.text(event, "created_timestamp")), XIds.timeOf(id)),
            Visibility.PRIVATE,
            null,
            Engagement.NONE,
            Map.of());
    return new XInbound.Post(id, message);
  }

  /** A v1.1 user object, from a tweet or from a DM delivery's {@code users} map. */
  private static Author author(String userId, JsonNode user) {
    if (user == null || user.isMissingNode()) {
      return Author.of(XPostReader.NETWORK, userId, userId);
    }
    String handle = XJson.text(user, "screen_name");
    handle = handle != null && !handle.isBlank() ? handle : userId;
    String name = XJson.text(user, "name");
    Instant created = v1Time(XJson.text(user, "created_at"));
    return new Author(
        XPostReader.NETWORK,
        userId,
        handle,
        name != null && !name.isBlank() ? name : handle,
        XJson.count(user, "followers_count"),
        user.path("verified").asBoolean(false),
        XJson.count(user, "listed_count"),
        created != null ? created : millis(XJson.text(user, "created_timestamp")));
  }

  private static Map<String, JsonNode> users(JsonNode users) {
    Map<String, JsonNode> byId = new HashMap<>();
    users.properties().forEach(entry -> byId.put(entry.getKey(), entry.getValue()));
    return byId;
  }

  static Instant v1Time(String text) {
    if (text == null) {
      return null;
    }
    try {
      return V1_TIME.parse(text.strip(), Instant::from);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant millis(String text) {
    if (text == null || !XIds.isNumeric(text)) {
      return null;
    }
    return Instant.ofEpochMilli(Long.parseLong(text));
  }

  private Instant firstOf(Instant... candidates) {
    for (Instant candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return clock.instant();
  }
}
