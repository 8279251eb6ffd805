package org.socialdesk.channel.x;

import java.util.Map;
import java.util.TreeMap;

/**
 * The fields and expansions the pollers ask for, in one of X's two namings. X's OpenAPI 2.167 (the
 * pinned spec) renamed tweets to posts on the timeline and DM endpoints: {@code post.fields},
 * expansion {@code referenced_posts}, and {@code author_id}, {@code in_reply_to_user_id}, {@code
 * sender_id} are no longer field values but come with their expansions. docs.x.com and OpenAPI
 * 2.159 still use {@code tweet.fields}. Answers are read in either naming ({@link XPostReader}).
 */
enum XFieldNames {
  POST(
      Map.of(
          "post.fields", "created_at,conversation_id,public_metrics,lang,note_post",
          "expansions", "author_id,in_reply_to_user_id,referenced_posts",
          "user.fields", XFieldNames.USER_FIELDS),
      Map.of(
          "event_types", "MessageCreate",
          "dm_event.fields", "id,text,event_type,created_at,dm_conversation_id",
          "expansions", "sender_id",
          "user.fields", XFieldNames.USER_FIELDS)),
  TWEET(
      Map.of(
          "tweet.fields",
          "created_at,conversation_id,in_reply_to_user_id,referenced_tweets,public_metrics,"
              + "edit_history_tweet_ids,lang,author_id,note_tweet",
          "expansions",
          "author_id,referenced_tweets.id,referenced_tweets.id.author_id,in_reply_to_user_id",
          "user.fields",
          XFieldNames.USER_FIELDS),
      Map.of(
          "event_types", "MessageCreate",
          "dm_event.fields",
              "id,text,event_type,created_at,dm_conversation_id,sender_id,participant_ids",
          "expansions", "sender_id",
          "user.fields", XFieldNames.USER_FIELDS));

  private static final String USER_FIELDS = "username,name,verified,public_metrics,created_at";

  private final Map<String, String> mentions;
  private final Map<String, String> dmEvents;

  XFieldNames(Map<String, String> mentions, Map<String, String> dmEvents) {
    this.mentions = mentions;
    this.dmEvents = dmEvents;
  }

  /** Field and expansion parameters of {@code GET /2/users/{id}/mentions}, in a stable order. */
  Map<String, String> mentions() {
    return new TreeMap<>(mentions);
  }

  /** Field, expansion and event-type parameters of {@code GET /2/dm_events}, in a stable order. */
  Map<String, String> dmEvents() {
    return new TreeMap<>(dmEvents);
  }
}
