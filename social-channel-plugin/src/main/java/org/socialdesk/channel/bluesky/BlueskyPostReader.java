package org.socialdesk.channel.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.json.ChannelJson;

/**
 * Turns a notification ({@code app.bsky.notification.listNotifications}) into the customer's post:
 * the thread's root post is the conversation ({@code record.reply.root}, else the post itself), the
 * parent the post answered, and a quoted post ({@code embed} of type {@code record} or {@code
 * recordWithMedia}) the {@link SocialPost#QUOTED_POST_ID}, so the host routes a quote into the
 * quoted post's ticket.
 */
final class BlueskyPostReader {

  static final String NETWORK = "bluesky";

  /** The reasons a customer's post reaches the brand. */
  static final Set<String> REASONS = Set.of("mention", "reply", "quote");

  private final URI webUrl;

  BlueskyPostReader(URI webUrl) {
    this.webUrl = webUrl;
  }

  /**
   * The post the notification carries, its author with {@code followers} followers (0: unknown).
   *
   * @throws IllegalArgumentException when the notification is not a readable post
   */
  SocialPost post(JsonNode notification, long followers) {
    BlueskyIds.PostRef ref =
        BlueskyIds.fromUri(notification.path("uri").asText(null))
            .orElseThrow(
                () ->
                    new IllegalArgumentException("the notification's uri is not a post's at-URI"));
    JsonNode record = notification.path("record");
    JsonNode author = notification.path("author");
    String did = author.path("did").asText("");
    if (!did.equals(ref.did())) {
      throw new IllegalArgumentException("the notification's author is not the post's repository");
    }
    String handle = author.path("handle").asText(did);
    String name = author.path("displayName").asText("");
    Instant postedAt =
        Optional.ofNullable(ChannelJson.instant(record.path("createdAt").asText(null)))
            .or(
                () ->
                    Optional.ofNullable(
                        ChannelJson.instant(notification.path("indexedAt").asText(null))))
            .orElseThrow(() -> new IllegalArgumentException("the post has no createdAt"));
    String root = postId(record.path("reply").path("root").path("uri")).orElse(ref.postId());
    String parent = postId(record.path("reply").path("parent").path("uri")).orElse(null);
    Map<String, String> attributes = new HashMap<>();
    attributes.put("uri", ref.uri());
    attributes.put("reason", notification.path("reason").asText(""));
    quoted(record.path("embed")).ifPresent(id -> attributes.put(SocialPost.QUOTED_POST_ID, id));
    return new SocialPost(
        new PostKey(NETWORK, ref.postId()),
        root,
        parent,
        new Author(NETWORK, did, handle, name.isBlank() ? handle : name, followers, false, 0, null),
        record.path("text").asText(""),
        postedAt,
        Visibility.PUBLIC,
        webUrl.resolve("/profile/" + did + "/post/" + ref.rkey()),
        Engagement.NONE,
        attributes);
  }

  /** The quoted post of an {@code app.bsky.embed.record} or {@code recordWithMedia} embed. */
  private static Optional<String> quoted(JsonNode embed) {
    String type = embed.path("$type").asText("");
    if (type.equals("app.bsky.embed.record")) {
      return postId(embed.path("record").path("uri"));
    }
    if (type.equals("app.bsky.embed.recordWithMedia")) {
      return postId(embed.path("record").path("record").path("uri"));
    }
    return Optional.empty();
  }

  private static Optional<String> postId(JsonNode uri) {
    return BlueskyIds.fromUri(uri.asText(null)).map(BlueskyIds.PostRef::postId);
  }
}
