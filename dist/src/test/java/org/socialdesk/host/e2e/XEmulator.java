package org.socialdesk.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.socialdesk.channel.x.XSpec;

/**
 * WireMock playing X API v2 for a running Socialdesk, written from X's docs and its OpenAPI 2.167
 * naming: the brand's mentions timeline and DM events, each answered newest first with {@code
 * includes.users} and {@code meta}. Ids are snowflakes of the current time, so they sort and date
 * like X's and never meet the ids of an earlier run in the shared RT.
 */
final class XEmulator implements AutoCloseable {

  static final String BRAND_ID = "1400000000000000001";
  static final String BRAND_HANDLE = "ShopKite";
  static final String USER_TOKEN = "e2e-user-token";

  /** Lower than the per-test stubs' priority, which override it for a while (a 429, an outage). */
  static final int TIMELINE_PRIORITY = 10;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SNOWFLAKE_EPOCH_MILLIS = 1_288_834_974_657L;

  private final WireMockServer server =
      new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
  private final AtomicInteger sequence = new AtomicInteger();
  private final List<Map<String, Object>> mentions = new ArrayList<>();
  private final List<Map<String, Object>> messages = new ArrayList<>();
  private final Map<String, Map<String, Object>> users = new LinkedHashMap<>();

  XEmulator() {
    server.start();
    publishTimelines();
  }

  WireMockServer server() {
    return server;
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** A new id, as X would give something created now. */
  String newId() {
    long millis = Instant.now().toEpochMilli() - SNOWFLAKE_EPOCH_MILLIS;
    return String.valueOf((millis << 22) + (sequence.incrementAndGet() & 0xFFF));
  }

  static Map<String, Object> user(String id, String username, String name, long followers) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", id);
    user.put("username", username);
    user.put("name", name);
    user.put("verified", false);
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

  /** A post by {@code author}; {@code inReplyTo} null for the first post of a conversation. */
  Map<String, Object> post(
      String id, Map<String, Object> author, String text, String conversationId, String inReplyTo) {
    Map<String, Object> post = new LinkedHashMap<>();
    post.put("id", id);
    post.put("text", text);
    post.put("author_id", author.get("id"));
    post.put("conversation_id", conversationId);
    post.put("created_at", Instant.now().toString());
    post.put("lang", "en");
    post.put("edit_history_post_ids", List.of(id));
    if (inReplyTo != null) {
      post.put("referenced_posts", List.of(Map.of("type", "replied_to", "id", inReplyTo)));
      post.put("in_reply_to_user_id", BRAND_ID);
    }
    post.put(
        "public_metrics",
        Map.of(
            "repost_count",
            0,
            "reply_count",
            0,
            "like_count",
            1,
            "quote_count",
            0,
            "bookmark_count",
            0,
            "impression_count",
            12));
    return post;
  }

  /**
   * The post appears on the brand's mentions timeline (as X lists it: the author's posts that name
   * the brand).
   */
  synchronized void mention(Map<String, Object> post, Map<String, Object> author) {
    users.put((String) author.get("id"), author);
    mentions.add(post);
    publishTimelines();
  }

  /** A direct message {@code sender} sent the brand. */
  synchronized String directMessage(Map<String, Object> sender, String text) {
    users.put((String) sender.get("id"), sender);
    String id = newId();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", id);
    event.put("event_type", "MessageCreate");
    event.put("text", text);
    event.put("sender_id", sender.get("id"));
    event.put("dm_conversation_id", sender.get("id") + "-" + BRAND_ID);
    event.put("created_at", Instant.now().toString());
    messages.add(event);
    publishTimelines();
    return id;
  }

  /**
   * The timelines as stubs: every request gets the whole list, newest first; the poller keeps what
   * is newer than its cursor.
   */
  private void publishTimelines() {
    server.stubFor(
        get(urlPathEqualTo("/2/users/" + BRAND_ID + "/mentions"))
            .atPriority(TIMELINE_PRIORITY)
            .willReturn(ok(page(mentions, true))));
    server.stubFor(
        get(urlPathEqualTo("/2/dm_events"))
            .atPriority(TIMELINE_PRIORITY)
            .willReturn(ok(page(messages, false))));
  }

  private String page(List<Map<String, Object>> items, boolean withIds) {
    List<Map<String, Object>> newestFirst = new ArrayList<>(items);
    newestFirst.sort(
        Comparator.comparing((Map<String, Object> item) -> Long.parseLong((String) item.get("id")))
            .reversed());
    Map<String, Object> page = new LinkedHashMap<>();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("result_count", newestFirst.size());
    if (!newestFirst.isEmpty()) {
      if (withIds) {
        meta.put("newest_id", newestFirst.getFirst().get("id"));
        meta.put("oldest_id", newestFirst.getLast().get("id"));
      }
      page.put("data", newestFirst);
      page.put("includes", Map.of("users", new ArrayList<>(users.values())));
    }
    page.put("meta", meta);
    return json(page);
  }

  /** 200 with X's rate-limit headers showing plenty left. */
  static ResponseDefinitionBuilder ok(String body) {
    return withLimits(aResponse().withStatus(200), 449).withBody(body);
  }

  /** 201, as X answers a new post or message. */
  static ResponseDefinitionBuilder created(Object body) {
    return withLimits(aResponse().withStatus(201), 99).withBody(json(body));
  }

  private static ResponseDefinitionBuilder withLimits(
      ResponseDefinitionBuilder response, int remaining) {
    return response
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("x-rate-limit-limit", "450")
        .withHeader("x-rate-limit-remaining", String.valueOf(remaining))
        .withHeader(
            "x-rate-limit-reset", String.valueOf(Instant.now().plusSeconds(900).getEpochSecond()));
  }

  /** Every exchange so far, oldest first. */
  List<ServeEvent> exchanges() {
    return new ArrayList<>(server.getAllServeEvents()).reversed();
  }

  /** Judges every exchange since the last call against X's OpenAPI 2.167, then forgets them. */
  void assertExchangesConformToTheSpec() {
    List<ServeEvent> exchanges = exchanges();
    server.resetRequests();
    org.assertj.core.api.Assertions.assertThat(XSpec.problems(exchanges))
        .as("exchanges with the emulated X that X's OpenAPI 2.167 does not allow")
        .isEmpty();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
