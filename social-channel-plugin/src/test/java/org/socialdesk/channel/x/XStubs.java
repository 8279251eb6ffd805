package org.socialdesk.channel.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socialdesk.api.Secret;

/**
 * What the emulated X answers, built the way X API v2 (OpenAPI 2.167 naming) and docs.x.com show
 * them: posts, users, DM events, pages with {@code meta}, and answers with rate-limit headers. Ids
 * are real snowflakes for times around {@link #NOW}, so that they sort, and date, like X's.
 */
public final class XStubs {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final String BRAND_ID = "1400000000000000001";
  static final String BRAND_HANDLE = "ShopKite";
  static final Secret USER_TOKEN = Secret.of("user-token");
  static final Secret BEARER = Secret.of("app-bearer");
  static final Secret CONSUMER_SECRET = Secret.of("consumer-secret-for-tests");

  private static final long SNOWFLAKE_EPOCH_MILLIS = 1_288_834_974_657L;

  private XStubs() {}

  /** A poll-mode configuration against {@code baseUrl} with default pacing. */
  static XConfig config(java.net.URI baseUrl) {
    return config(baseUrl, "post", null);
  }

  static XConfig config(java.net.URI baseUrl, String fieldNames, XConfig.Pacing pacing) {
    return new XConfig(
        true,
        baseUrl,
        BRAND_ID,
        BRAND_HANDLE,
        BEARER,
        USER_TOKEN,
        CONSUMER_SECRET,
        "poll",
        Duration.ofSeconds(60),
        Duration.ofSeconds(60),
        Duration.ofHours(1),
        100,
        fieldNames,
        pacing);
  }

  /**
   * The id X would give something created {@code minutesAgo} before {@link #NOW}; {@code seq}
   * breaks ties.
   */
  static String id(int minutesAgo, int seq) {
    long millis = NOW.minus(Duration.ofMinutes(minutesAgo)).toEpochMilli() - SNOWFLAKE_EPOCH_MILLIS;
    return String.valueOf((millis << 22) + seq);
  }

  static Instant timeOf(String id) {
    return Instant.ofEpochMilli((Long.parseLong(id) >> 22) + SNOWFLAKE_EPOCH_MILLIS);
  }

  /** A customer's post mentioning the brand, in the 2.167 naming. */
  static Map<String, Object> post(String id, String authorId, String text) {
    Map<String, Object> post = new LinkedHashMap<>();
    post.put("id", id);
    post.put("text", text);
    post.put("author_id", authorId);
    post.put("conversation_id", id);
    post.put("created_at", timeOf(id).toString());
    post.put("lang", "en");
    post.put("edit_history_post_ids", List.of(id));
    post.put(
        "public_metrics",
        Map.of(
            "repost_count",
            2,
            "reply_count",
            1,
            "like_count",
            5,
            "quote_count",
            0,
            "bookmark_count",
            0,
            "impression_count",
            40));
    return post;
  }

  /** A user as {@code includes.users} carries them, in the 2.167 naming. */
  static Map<String, Object> user(String id, String username, String name, long followers) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", id);
    user.put("username", username);
    user.put("name", name);
    user.put("verified", followers > 100_000);
    user.put("created_at", "2019-03-04T05:06:07.000Z");
    user.put(
        "public_metrics",
        Map.of(
            "followers_count",
            followers,
            "following_count",
            10,
            "post_count",
            300,
            "listed_count",
            3));
    return user;
  }

  /** A DM event: a message {@code senderId} sent in the brand's one-to-one conversation. */
  static Map<String, Object> message(String id, String senderId, String text) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", id);
    event.put("event_type", "MessageCreate");
    event.put("text", text);
    event.put("sender_id", senderId);
    event.put(
        "dm_conversation_id",
        XIds.oneToOneConversation(senderId.equals(BRAND_ID) ? "9" : senderId, BRAND_ID));
    event.put("created_at", timeOf(id).toString());
    return event;
  }

  /**
   * A page of posts: {@code data}, {@code includes.users}, {@code meta} with ids and the next
   * token.
   */
  static String page(
      List<Map<String, Object>> data, List<Map<String, Object>> users, String nextToken) {
    return page(data, users, nextToken, true);
  }

  /**
   * A page of DM events: like {@link #page} but {@code meta} has no ids (X's DM pages have none).
   */
  static String dmPage(
      List<Map<String, Object>> data, List<Map<String, Object>> users, String nextToken) {
    return page(data, users, nextToken, false);
  }

  private static String page(
      List<Map<String, Object>> data,
      List<Map<String, Object>> users,
      String nextToken,
      boolean withIds) {
    Map<String, Object> page = new LinkedHashMap<>();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("result_count", data.size());
    if (!data.isEmpty() && withIds) {
      List<String> ids =
          new ArrayList<>(data.stream().map(item -> (String) item.get("id")).toList());
      ids.sort(XIds.OLDEST_FIRST);
      meta.put("newest_id", ids.getLast());
      meta.put("oldest_id", ids.getFirst());
    }
    if (!data.isEmpty()) {
      page.put("data", data);
      page.put("includes", Map.of("users", users));
    }
    if (nextToken != null) {
      meta.put("next_token", nextToken);
    }
    page.put("meta", meta);
    return json(page);
  }

  /** 200 with the body, and X's rate-limit headers showing plenty left. */
  static ResponseDefinitionBuilder ok(String body) {
    return ok(body, 449, NOW.plus(Duration.ofMinutes(15)));
  }

  /**
   * 200 with the body, {@code remaining} calls left in X's window, which resets at {@code reset}.
   */
  static ResponseDefinitionBuilder ok(String body, int remaining, Instant reset) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("x-rate-limit-limit", "450")
        .withHeader("x-rate-limit-remaining", String.valueOf(remaining))
        .withHeader("x-rate-limit-reset", String.valueOf(reset.getEpochSecond()))
        .withBody(body);
  }

  /**
   * 429 as X sends it: the legacy-looking problem with {@code type: about:blank}, which X's own
   * OpenAPI does not describe, and the reset in Unix seconds.
   */
  public static ResponseDefinitionBuilder tooManyRequests(Instant reset) {
    return aResponse()
        .withStatus(429)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("x-rate-limit-limit", "10")
        .withHeader("x-rate-limit-remaining", "0")
        .withHeader("x-rate-limit-reset", String.valueOf(reset.getEpochSecond()))
        .withBody(
            "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}");
  }

  /** 503 with the spec's internal-error problem. */
  public static ResponseDefinitionBuilder serviceUnavailable() {
    return aResponse()
        .withStatus(503)
        .withHeader("Content-Type", "application/problem+json")
        .withBody(
            "{\"type\":\"https://api.x.com/2/problems/internal-error\",\"title\":\"Service Unavailable\","
                + "\"detail\":\"Service Unavailable\",\"status\":503}");
  }

  static String json(Object value) {
    return new String(XJson.write(value), java.nio.charset.StandardCharsets.UTF_8);
  }
}
