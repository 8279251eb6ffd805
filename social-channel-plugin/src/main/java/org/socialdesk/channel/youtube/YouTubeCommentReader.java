package org.socialdesk.channel.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.json.ChannelJson;

/**
 * Turns YouTube's comment resources into posts. A top-level comment's thread is the conversation
 * (one ticket), keyed by the top-level comment's id, which is also the {@code parentId} every reply
 * in it carries and the one a reply must name. Comments by the brand's own channel are never taken
 * as customers'.
 */
final class YouTubeCommentReader {

  static final String NETWORK = "youtube";

  /** Attribute: the video the comment is under (absent for comments on the channel itself). */
  static final String VIDEO_ID = "youtubeVideoId";

  /** Attribute: what moderation did with the comment, when Socialdesk held it for review. */
  static final String MODERATION = "youtubeModeration";

  private final String brandChannelId;

  YouTubeCommentReader(String brandChannelId) {
    this.brandChannelId = brandChannelId;
  }

  /** The top-level comment and the replies a commentThread resource includes, oldest first. */
  List<YouTubeInbound> thread(JsonNode thread) {
    List<YouTubeInbound> read = new ArrayList<>();
    JsonNode top = thread.path("snippet").path("topLevelComment");
    String threadId = YouTubeJson.text(top, "id");
    if (threadId == null) {
      read.add(
          new YouTubeInbound.Unreadable(
              null,
              thread.toString(),
              "youtube: a comment thread without its top-level comment's id"));
      return read;
    }
    read.add(comment(top, threadId, null));
    for (JsonNode reply : thread.path("replies").path("comments")) {
      read.add(comment(reply, threadId, null));
    }
    return read;
  }

  /** When a thread resource's top-level comment was published, or null. */
  static Instant topLevelTime(JsonNode thread) {
    return ChannelJson.instant(
        YouTubeJson.text(thread.path("snippet").path("topLevelComment"), "snippet", "publishedAt"));
  }

  /**
   * One comment resource.
   *
   * @param threadId the top-level comment's id (the reply's {@code parentId})
   * @param moderationNote a note for the ticket, when Socialdesk moderated it; else null
   */
  YouTubeInbound comment(JsonNode comment, String threadId, String moderationNote) {
    JsonNode snippet = comment.path("snippet");
    String id = YouTubeJson.text(comment, "id");
    Instant at = ChannelJson.instant(YouTubeJson.text(snippet, "publishedAt"));
    String authorId = YouTubeJson.text(snippet, "authorChannelId", "value");
    if (id == null || id.isBlank() || at == null) {
      return new YouTubeInbound.Unreadable(
          at, comment.toString(), "youtube: a comment without its id or publishedAt");
    }
    if (brandChannelId.equals(authorId)) {
      return new YouTubeInbound.Own(at, id, threadId);
    }
    if (authorId == null || authorId.isBlank()) {
      return new YouTubeInbound.Unreadable(
          at, comment.toString(), "youtube: comment " + id + " has no authorChannelId");
    }
    String text = firstText(snippet, "textOriginal", "textDisplay");
    if (moderationNote != null) {
      text = "[" + moderationNote + "]\n" + text;
    }
    String videoId = YouTubeJson.text(snippet, "videoId");
    Map<String, String> attributes = new LinkedHashMap<>();
    if (videoId != null) {
      attributes.put(VIDEO_ID, videoId);
    }
    if (moderationNote != null) {
      attributes.put(MODERATION, moderationNote);
    }
    long likes = Math.max(0, snippet.path("likeCount").asLong(0));
    SocialPost post =
        new SocialPost(
            new PostKey(NETWORK, id),
            threadId,
            id.equals(threadId) ? null : threadId,
            author(snippet, authorId),
            text,
            at,
            Visibility.PUBLIC,
            commentUrl(videoId, id),
            new Engagement(likes, 0, 0, 0),
            attributes);
    return new YouTubeInbound.Comment(at, post);
  }

  private static Author author(JsonNode snippet, String authorId) {
    String name = YouTubeJson.text(snippet, "authorDisplayName");
    name = name == null || name.isBlank() ? authorId : name.strip();
    // YouTube shows handles as display names ("@name"); the handle is kept without the @.
    String handle = name.startsWith("@") && name.length() > 1 ? name.substring(1) : name;
    return new Author(NETWORK, authorId, handle, name, 0, false, 0, null);
  }

  private static String firstText(JsonNode snippet, String... fields) {
    for (String field : fields) {
      String text = YouTubeJson.text(snippet, field);
      if (text != null) {
        return text;
      }
    }
    return "";
  }

  /**
   * {@code https://www.youtube.com/watch?v={videoId}&lc={commentId}}; null for comments not under a
   * video.
   */
  static URI commentUrl(String videoId, String commentId) {
    if (videoId == null) {
      return null;
    }
    return URI.create(
        "https://www.youtube.com/watch?v=" + encode(videoId) + "&lc=" + encode(commentId));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
