package org.socialdesk.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
 * Turns X API v2 answers (a page of posts, a page of DM events) into {@link XInbound} items. Both
 * namings X uses are read: {@code referenced_tweets} / {@code referenced_posts}, {@code note_tweet}
 * / {@code note_post}, {@code edit_history_tweet_ids} / {@code edit_history_post_ids}, {@code
 * retweet_count} / {@code repost_count}. The brand's own posts and messages, plain reposts, and DM
 * events other than messages are left out.
 */
final class XPostReader {

  static final String NETWORK = "x";

  private static final Logger log = LoggerFactory.getLogger(XPostReader.class);
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{1,15}");

  private final String brandUserId;
  private final Clock clock;

  XPostReader(String brandUserId, Clock clock) {
    this.brandUserId = brandUserId;
    this.clock = clock;
  }

  /** The customers' posts of a page such as {@code GET /2/users/{id}/mentions} answers. */
  List<XInbound> posts(JsonNode page) {
    Map<String, JsonNode> users = users(page.path("includes"));
    List<XInbound> items = new ArrayList<>();
    for (JsonNode post : page.path("data")) {
      readSafely(post, () -> customerPost(post, users), items);
    }
    return items;
  }

  /** A customer's post, or null for the brand's own posts and reposts. */
  private XInbound customerPost(JsonNode post, Map<String, JsonNode> users) {
    String id = XJson.text(post, "id");
    String authorId = XJson.text(post, "author_id");
    if (id == null || authorId == null) {
      throw new IllegalArgumentException("a post without id or author_id");
    }
    if (authorId.equals(brandUserId) || referenced(post, "retweeted") != null) {
      return null;
    }
    return post(post, id, authorId, users.get(authorId));
  }

  /**
   * Adds what {@code read} makes of one item of a page; an item it cannot read is quarantined
   * rather than failing the page, which would stop the poll at that item for good.
   */
  private static void readSafely(
      JsonNode item, java.util.function.Supplier<XInbound> read, List<XInbound> items) {
    try {
      XInbound inbound = read.get();
      if (inbound != null) {
        items.add(inbound);
      }
    } catch (RuntimeException e) {
      String id = XJson.text(item, "id");
      String reason = "cannot read the item: " + e.getMessage();
      log.warn("x: quarantining a polled item ({})", UntrustedText.forLog(reason));
      items.add(new XInbound.Unreadable(id == null ? "" : id, item.toString(), reason));
    }
  }

  /** The customers' messages of a page of {@code GET /2/dm_events}. */
  List<XInbound> messages(JsonNode page) {
    Map<String, JsonNode> users = users(page.path("includes"));
    List<XInbound> items = new ArrayList<>();
    for (JsonNode event : page.path("data")) {
      readSafely(event, () -> customerMessage(event, users), items);
    }
    return items;
  }

  /** A customer's message, or null for the brand's own and for events that are not messages. */
  private XInbound customerMessage(JsonNode event, Map<String, JsonNode> users) {
    String id = XJson.text(event, "id");
    String senderId = XJson.text(event, "sender_id");
    String type = XJson.text(event, "event_type");
    if (id == null
        || senderId == null
        || senderId.equals(brandUserId)
        || type != null && !type.equals("MessageCreate")) {
      return null;
    }
    String conversationId = XJson.text(event, "dm_conversation_id");
    SocialPost message =
        new SocialPost(
            new PostKey(NETWORK, id),
            conversationId != null
                ? conversationId
                : XIds.oneToOneConversation(senderId, brandUserId),
            null,
            author(senderId, users.get(senderId)),
            textOrEmpty(XJson.text(event, "text")),
            postedAt(event, id),
            Visibility.PRIVATE,
            null,
            Engagement.NONE,
            Map.of());
    return new XInbound.Post(id, message);
  }

  private XInbound post(JsonNode post, String id, String authorId, JsonNode user) {
    Author author = author(authorId, user);
    JsonNode history = XJson.child(post, "edit_history_tweet_ids", "edit_history_post_ids");
    String originalId = history.size() > 1 ? history.get(0).asText(id) : id;
    String text = text(post);
    Instant postedAt = postedAt(post, id);
    Map<String, String> attributes = new HashMap<>();
    String quoted = referenced(post, "quoted");
    if (quoted != null) {
      attributes.put(SocialPost.QUOTED_POST_ID, quoted);
    }
    String lang = XJson.text(post, "lang");
    if (lang != null && !lang.isBlank()) {
      attributes.put("lang", lang);
    }
    String conversationId = XJson.text(post, "conversation_id");
    SocialPost social =
        new SocialPost(
            new PostKey(NETWORK, originalId),
            conversationId != null && !conversationId.isBlank() ? conversationId : originalId,
            referenced(post, "replied_to"),
            author,
            text,
            originalId.equals(id)
                ? postedAt
                : XIds.timeOf(originalId) != null ? XIds.timeOf(originalId) : postedAt,
            Visibility.PUBLIC,
            statusUrl(user == null ? null : XJson.text(user, "username"), originalId),
            engagement(post.path("public_metrics")),
            attributes);
    if (originalId.equals(id)) {
      return new XInbound.Post(id, social);
    }
    return new XInbound.Edit(id, social, new InboundEvent.PostEdited(social.key(), text, postedAt));
  }

  /** The author as {@code includes.users} describes them; the id alone when X left them out. */
  static Author author(String userId, JsonNode user) {
    if (user == null) {
      return Author.of(NETWORK, userId, userId);
    }
    String username = XJson.text(user, "username");
    String handle = username != null && !username.isBlank() ? username : userId;
    String name = XJson.text(user, "name");
    JsonNode metrics = user.path("public_metrics");
    return new Author(
        NETWORK,
        userId,
        handle,
        name != null && !name.isBlank() ? name : handle,
        XJson.count(metrics, "followers_count"),
        user.path("verified").asBoolean(false),
        XJson.count(metrics, "listed_count"),
        XJson.instant(XJson.text(user, "created_at")));
  }

  /**
   * {@code https://x.com/<handle>/status/<id>}, or X's handle-less form when the handle is unknown
   * or not one X gives ({@code [A-Za-z0-9_]{1,15}}); the id is percent-encoded, so no id sent makes
   * this fail.
   */
  static URI statusUrl(String username, String id) {
    String handle = username != null && USERNAME.matcher(username).matches() ? username : "i/web";
    return URI.create(
        "https://x.com/"
            + handle
            + "/status/"
            + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private static Map<String, JsonNode> users(JsonNode includes) {
    Map<String, JsonNode> users = new HashMap<>();
    for (JsonNode user : includes.path("users")) {
      String id = XJson.text(user, "id");
      if (id != null) {
        users.put(id, user);
      }
    }
    return users;
  }

  /** The id of the post this one references as {@code type} (replied_to, quoted, retweeted). */
  private static String referenced(JsonNode post, String type) {
    for (JsonNode reference : XJson.child(post, "referenced_tweets", "referenced_posts")) {
      if (type.equals(XJson.text(reference, "type"))) {
        return XJson.text(reference, "id");
      }
    }
    return null;
  }

  /** The long-form text when the post has one, else its text. */
  private static String text(JsonNode post) {
    String note = XJson.text(XJson.child(post, "note_tweet", "note_post"), "text");
    return note != null && !note.isEmpty() ? note : textOrEmpty(XJson.text(post, "text"));
  }

  private static String textOrEmpty(String text) {
    return text == null ? "" : text;
  }

  private static Engagement engagement(JsonNode metrics) {
    return new Engagement(
        XJson.count(metrics, "like_count"),
        XJson.count(metrics, "retweet_count", "repost_count"),
        XJson.count(metrics, "reply_count"),
        XJson.count(metrics, "quote_count"));
  }

  /** {@code created_at}; else the time in the snowflake id; else now. */
  private Instant postedAt(JsonNode node, String id) {
    Instant createdAt = XJson.instant(XJson.text(node, "created_at"));
    if (createdAt != null) {
      return createdAt;
    }
    Instant fromId = XIds.timeOf(id);
    return fromId != null ? fromId : clock.instant();
  }
}
