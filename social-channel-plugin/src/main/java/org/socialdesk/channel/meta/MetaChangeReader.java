package org.socialdesk.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

/**
 * Reads the {@code changes[]} of a webhook entry (and the same shapes from the backfill): the
 * Page's {@code feed} (comments and replies, visitor posts; verbs add, edited / edit, remove, hide,
 * unhide), {@code mention} of the Page, and Instagram's {@code comments}, {@code live_comments} and
 * {@code mentions}. The Page's and the Instagram account's own comments are never taken as a
 * customer's.
 *
 * <p>Threading: a top-level comment and its replies are one conversation (one ticket): its id is
 * the top-level comment's. A top-level comment answers the post, so on a visitor's post (which has
 * a ticket of its own) it joins that ticket; on the brand's own posts each top-level comment opens
 * a ticket of its own. A reply answers its parent, so a customer's reply to the brand's comment
 * joins the ticket the brand answered.
 */
final class MetaChangeReader {

  static final String LIVE_NOTE =
      "[Instagram Live comment: Instagram does not allow replies to Live comments; Socialdesk holds public replies to it."
          + " A private reply (/dm) is possible within 7 days.]";
  static final String HIDDEN_NOTE =
      "[This comment is hidden by the brand: only its author (and their friends) see it. Socialdesk holds public"
          + " replies to it while it is hidden; a private reply (/dm) is possible within 7 days.]";

  private static final Set<String> POST_ITEMS = Set.of("post", "status", "photo", "video", "share");

  private final String pageId;
  private final String instagramId;
  private final ToLongFunction<String> instagramFollowers;

  /** A reader that knows no follower counts. */
  MetaChangeReader(String pageId, String instagramId) {
    this(pageId, instagramId, username -> 0);
  }

  /**
   * @param instagramFollowers an Instagram username's follower count, 0 when unknown; must not
   *     block (see {@link MetaInstagramProfiles#followers})
   */
  MetaChangeReader(String pageId, String instagramId, ToLongFunction<String> instagramFollowers) {
    this.pageId = pageId;
    this.instagramId = instagramId;
    this.instagramFollowers = instagramFollowers;
  }

  /** One change of a {@code page} entry; empty when it is nothing for the helpdesk. */
  List<MetaInbound> page(JsonNode change, Instant entryTime) {
    JsonNode value = change.path("value");
    return switch (change.path("field").asText("")) {
      case "feed" -> feed(value, entryTime);
      case "mention" -> pageMention(value, entryTime);
      default -> List.of();
    };
  }

  /** One change of an {@code instagram} entry. */
  List<MetaInbound> instagram(JsonNode change, Instant entryTime) {
    JsonNode value = change.path("value");
    return switch (change.path("field").asText("")) {
      case "comments" -> instagramComment(value, entryTime, false);
      case "live_comments" -> instagramComment(value, entryTime, true);
      case "mentions" -> instagramMention(value, entryTime);
      default -> List.of();
    };
  }

  private List<MetaInbound> feed(JsonNode value, Instant entryTime) {
    String item = value.path("item").asText("");
    boolean comment = item.equals("comment");
    if (!comment && !POST_ITEMS.contains(item)) {
      return List.of();
    }
    String id = MetaJson.text(value, comment ? "comment_id" : "post_id");
    String fromId = MetaJson.text(value.path("from"), "id");
    if (pageId.equals(fromId)) {
      return List.of();
    }
    if (id == null || !MetaIds.isNodeId(id) || fromId != null && !MetaIds.isNodeId(fromId)) {
      return List.of(
          unreadable(
              MetaNetwork.FACEBOOK,
              value,
              "a feed "
                  + item
                  + " without a readable "
                  + (comment ? "comment_id" : "post_id")
                  + " or from.id"));
    }
    PostKey key = new PostKey(MetaNetwork.FACEBOOK.id(), id);
    String text = MetaJson.text(value, "message");
    return switch (value.path("verb").asText("")) {
      case "add" ->
          comment
              ? facebookComment(value, id, fromId, entryTime)
              : visitorPost(value, id, fromId, entryTime);
      case "edited", "edit" ->
          List.of(
              new MetaInbound.Edit(
                  new InboundEvent.PostEdited(key, text == null ? "" : text, entryTime)));
      case "remove" ->
          List.of(new MetaInbound.Deleted(new InboundEvent.PostDeleted(key, entryTime)));
      case "hide" -> List.of(hidden(MetaNetwork.FACEBOOK, id, true, entryTime));
      case "unhide" -> List.of(hidden(MetaNetwork.FACEBOOK, id, false, entryTime));
      default -> List.of();
    };
  }

  private List<MetaInbound> facebookComment(
      JsonNode value, String id, String fromId, Instant entryTime) {
    String postId = MetaJson.text(value, "post_id");
    String parentId = MetaJson.text(value, "parent_id");
    if (fromId == null
        || postId == null
        || !MetaIds.isNodeId(postId)
        || parentId != null && !MetaIds.isNodeId(parentId)) {
      return List.of(
          unreadable(
              MetaNetwork.FACEBOOK, value, "a comment without a readable from.id or post_id"));
    }
    boolean topLevel = parentId == null || parentId.equals(postId);
    Instant at = time(value, entryTime);
    String text = text(value, "message", "[a comment without text]");
    SocialPost post =
        new SocialPost(
            new PostKey(MetaNetwork.FACEBOOK.id(), id),
            topLevel ? id : parentId,
            topLevel ? postId : parentId,
            author(MetaNetwork.FACEBOOK, fromId, MetaJson.text(value.path("from"), "name")),
            text,
            at,
            Visibility.PUBLIC,
            URI.create(
                "https://www.facebook.com/"
                    + postId
                    + "?comment_id="
                    + id.substring(id.indexOf('_') + 1)),
            Engagement.NONE,
            Map.of("metaKind", "comment", "metaPostId", postId));
    return List.of(
        new MetaInbound.Post(
            post,
            new MetaItem(
                MetaNetwork.FACEBOOK,
                id,
                MetaItem.Kind.COMMENT,
                topLevel ? null : parentId,
                postId,
                fromId,
                false,
                false,
                at)));
  }

  private List<MetaInbound> visitorPost(
      JsonNode value, String id, String fromId, Instant entryTime) {
    if (fromId == null) {
      return List.of(unreadable(MetaNetwork.FACEBOOK, value, "a visitor post without from.id"));
    }
    Instant at = time(value, entryTime);
    SocialPost post =
        new SocialPost(
            new PostKey(MetaNetwork.FACEBOOK.id(), id),
            id,
            null,
            author(MetaNetwork.FACEBOOK, fromId, MetaJson.text(value.path("from"), "name")),
            text(value, "message", "[a post without text]"),
            at,
            Visibility.PUBLIC,
            URI.create("https://www.facebook.com/" + id),
            Engagement.NONE,
            Map.of("metaKind", "visitor-post"));
    return List.of(
        new MetaInbound.Post(
            post,
            new MetaItem(
                MetaNetwork.FACEBOOK, id, MetaItem.Kind.POST, null, id, fromId, false, false, at)));
  }

  /**
   * A mention of the Page ({@code mention} field); the webhook may carry no text, so the ticket
   * links to it.
   */
  private List<MetaInbound> pageMention(JsonNode value, Instant entryTime) {
    if (!"add".equals(value.path("verb").asText("add"))) {
      return List.of();
    }
    String postId = MetaJson.text(value, "post_id");
    String commentId = MetaJson.text(value, "comment_id");
    String id = commentId != null ? commentId : postId;
    String fromId =
        Optional.ofNullable(MetaJson.text(value, "sender_id"))
            .orElse(MetaJson.text(value.path("from"), "id"));
    if (id == null || !MetaIds.isNodeId(id) || !MetaIds.isNodeId(fromId)) {
      return List.of(
          unreadable(
              MetaNetwork.FACEBOOK, value, "a mention without a readable post_id or sender"));
    }
    if (pageId.equals(fromId)) {
      return List.of();
    }
    Instant at = time(value, entryTime);
    String text =
        text(
            value,
            "message",
            "[The Page was mentioned here; the notification carries no text. Open the link to read it.]");
    SocialPost post =
        new SocialPost(
            new PostKey(MetaNetwork.FACEBOOK.id(), id),
            id,
            null,
            author(MetaNetwork.FACEBOOK, fromId, MetaJson.text(value, "sender_name")),
            text,
            at,
            Visibility.PUBLIC,
            URI.create("https://www.facebook.com/" + id),
            Engagement.NONE,
            Map.of("metaKind", "mention"));
    return List.of(
        new MetaInbound.Post(
            post,
            new MetaItem(
                MetaNetwork.FACEBOOK,
                id,
                commentId != null ? MetaItem.Kind.COMMENT : MetaItem.Kind.MENTION,
                null,
                postId,
                fromId,
                false,
                false,
                at)));
  }

  private List<MetaInbound> instagramComment(JsonNode value, Instant entryTime, boolean live) {
    String id = MetaJson.text(value, "id");
    String fromId = MetaJson.text(value.path("from"), "id");
    String mediaId = MetaJson.text(value.path("media"), "id");
    String parentId = MetaJson.text(value, "parent_id");
    if (fromId != null && fromId.equals(instagramId)) {
      return List.of();
    }
    if (id == null
        || !MetaIds.isNodeId(id)
        || !MetaIds.isNodeId(fromId)
        || mediaId == null
        || !MetaIds.isNodeId(mediaId)
        || parentId != null && !MetaIds.isNodeId(parentId)) {
      return List.of(
          unreadable(
              MetaNetwork.INSTAGRAM,
              value,
              "an Instagram comment without a readable id, from.id or media.id"));
    }
    String username = MetaJson.text(value.path("from"), "username");
    boolean hidden = value.path("hidden").asBoolean(false);
    String text =
        (live ? LIVE_NOTE + "\n\n" : "")
            + (hidden ? HIDDEN_NOTE + "\n\n" : "")
            + text(value, "text", "[a comment without text]");
    SocialPost post =
        new SocialPost(
            new PostKey(MetaNetwork.INSTAGRAM.id(), id),
            parentId == null ? id : parentId,
            parentId == null ? mediaId : parentId,
            instagramAuthor(fromId, username),
            text,
            entryTime,
            Visibility.PUBLIC,
            null,
            Engagement.NONE,
            Map.of(
                "metaKind",
                live ? "live-comment" : "comment",
                "metaMediaId",
                mediaId,
                "metaMediaProductType",
                Optional.ofNullable(MetaJson.text(value.path("media"), "media_product_type"))
                    .orElse("")));
    return List.of(
        new MetaInbound.Post(
            post,
            new MetaItem(
                MetaNetwork.INSTAGRAM,
                id,
                MetaItem.Kind.COMMENT,
                parentId,
                mediaId,
                fromId,
                hidden,
                live,
                entryTime)));
  }

  /** The account was @mentioned in a comment (or a caption): the webhook gives the ids only. */
  private List<MetaInbound> instagramMention(JsonNode value, Instant entryTime) {
    String commentId = MetaJson.text(value, "comment_id");
    String mediaId = MetaJson.text(value, "media_id");
    String id = commentId != null ? commentId : mediaId;
    if (id == null || !MetaIds.isNodeId(id) || mediaId == null || !MetaIds.isNodeId(mediaId)) {
      return List.of(
          unreadable(
              MetaNetwork.INSTAGRAM, value, "an Instagram mention without a readable media_id"));
    }
    SocialPost post =
        new SocialPost(
            new PostKey(MetaNetwork.INSTAGRAM.id(), id),
            id,
            null,
            Author.of(MetaNetwork.INSTAGRAM.id(), "mention-" + id, "instagram-mention"),
            "[The Instagram account was @mentioned "
                + (commentId != null ? "in a comment" : "in a post's caption")
                + "; the notification carries neither the text nor the author.]",
            entryTime,
            Visibility.PUBLIC,
            null,
            Engagement.NONE,
            Map.of("metaKind", "mention", "metaMediaId", mediaId));
    return List.of(
        new MetaInbound.Post(
            post,
            new MetaItem(
                MetaNetwork.INSTAGRAM,
                id,
                MetaItem.Kind.MENTION,
                null,
                mediaId,
                null,
                false,
                false,
                entryTime)));
  }

  private static MetaInbound hidden(MetaNetwork network, String id, boolean hidden, Instant at) {
    return new MetaInbound.Hidden(network, id, hidden, at);
  }

  private Author instagramAuthor(String id, String username) {
    Author author = author(MetaNetwork.INSTAGRAM, id, username);
    long followers = instagramFollowers.applyAsLong(username);
    return followers <= 0
        ? author
        : new Author(
            author.network(),
            author.accountId(),
            author.handle(),
            author.displayName(),
            followers,
            false,
            0,
            null);
  }

  static Author author(MetaNetwork network, String id, String name) {
    String handle = name == null || name.isBlank() ? id : name.strip();
    return new Author(network.id(), id, handle, handle, 0, false, 0, null);
  }

  private static Instant time(JsonNode value, Instant fallback) {
    Instant at = MetaJson.epoch(MetaJson.number(value, "created_time"), false);
    return at != null ? at : fallback;
  }

  private static String text(JsonNode value, String field, String placeholder) {
    String text = MetaJson.text(value, field);
    StringBuilder out = new StringBuilder(text == null || text.isBlank() ? placeholder : text);
    for (String media : new String[] {"photo", "video", "link"}) {
      String url = MetaJson.text(value, media);
      if (url != null) {
        out.append("\n[").append(media).append("] ").append(url);
      }
    }
    return out.toString();
  }

  static MetaInbound.Unreadable unreadable(MetaNetwork network, JsonNode value, String reason) {
    return new MetaInbound.Unreadable(network, value.toString(), reason);
  }
}
