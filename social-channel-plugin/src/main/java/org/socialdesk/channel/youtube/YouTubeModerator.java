package org.socialdesk.channel.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.socialdesk.channel.oauth.TokenUnavailable;

/**
 * Where the admin turns it on ({@code moderation.hold-likely-spam}): the comment threads YouTube
 * lists as likely spam are taken in with a note for the ticket, then set to {@code heldForReview}
 * with {@code comments.setModerationStatus}, so that they stay hidden until someone reviews them in
 * YouTube Studio. Never deleted, never rejected, the author never banned: a false positive costs
 * nothing but a click.
 */
final class YouTubeModerator {

  static final String NOTE =
      "Held for review on YouTube: YouTube listed this comment as likely spam, Socialdesk set it to"
          + " heldForReview (not deleted); publish or reject it in YouTube Studio";
  private static final YouTubeApi.Call LIST =
      new YouTubeApi.Call("commentThreads.list", YouTubeQuota.LIST_COST, YouTubeQuota.Use.POLL);
  private static final YouTubeApi.Call HOLD =
      new YouTubeApi.Call(
          "comments.setModerationStatus", YouTubeQuota.MODERATION_COST, YouTubeQuota.Use.POLL);

  private final YouTubeConfig config;
  private final YouTubeApi api;
  private final YouTubeCommentReader reader;

  YouTubeModerator(YouTubeConfig config, YouTubeApi api) {
    this.config = config;
    this.api = api;
    this.reader = new YouTubeCommentReader(config.channelId());
  }

  boolean enabled() {
    return config.moderation().holdLikelySpam();
  }

  /**
   * The customers' top-level comments YouTube lists as likely spam (one page), with the note; none
   * when off.
   */
  List<YouTubeInbound.Comment> likelySpam()
      throws YouTubeQuotaWait,
          TokenUnavailable,
          IOException,
          InterruptedException,
          YouTubePoller.YouTubeAnswerException {
    if (!enabled()) {
      return List.of();
    }
    YouTubeApi.Answer answer =
        api.get(
            LIST,
            "commentThreads",
            List.of(
                Map.entry("part", "snippet"),
                Map.entry("allThreadsRelatedToChannelId", config.channelId()),
                Map.entry("moderationStatus", "likelySpam"),
                Map.entry("textFormat", "plainText"),
                Map.entry("maxResults", String.valueOf(config.maxResults()))));
    if (!answer.isSuccess()) {
      throw new YouTubePoller.YouTubeAnswerException(
          LIST.method() + " (likely spam) answered " + answer.problem());
    }
    List<YouTubeInbound.Comment> spam = new ArrayList<>();
    for (JsonNode thread : answer.json().path("items")) {
      JsonNode top = thread.path("snippet").path("topLevelComment");
      String id = YouTubeJson.text(top, "id");
      if (id != null && reader.comment(top, id, NOTE) instanceof YouTubeInbound.Comment comment) {
        spam.add(comment);
      }
    }
    return spam;
  }

  /**
   * One call for all of them: {@code setModerationStatus} takes several ids and costs 50 units a
   * call.
   */
  void hold(List<YouTubeInbound.Comment> comments)
      throws YouTubeQuotaWait,
          TokenUnavailable,
          IOException,
          InterruptedException,
          YouTubePoller.YouTubeAnswerException {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    comments.forEach(comment -> query.add(Map.entry("id", comment.post().key().postId())));
    query.add(Map.entry("moderationStatus", "heldForReview"));
    YouTubeApi.Answer answer = api.post(HOLD, "comments/setModerationStatus", query, null);
    if (!answer.isSuccess()) {
      throw new YouTubePoller.YouTubeAnswerException(
          HOLD.method() + " answered " + answer.problem());
    }
  }
}
