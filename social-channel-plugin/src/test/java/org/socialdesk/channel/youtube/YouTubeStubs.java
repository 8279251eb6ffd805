package org.socialdesk.channel.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Metadata;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.json.ChannelJson;

/** Bodies shaped as the YouTube Data API v3 answers them (the discovery document's resources). */
public final class YouTubeStubs {

  public static final String BRAND = "UCbrandbrandbrandbrand00";
  public static final String CUSTOMER = "UCcustomercustomer000001";
  public static final String VIDEO = "dQw4w9WgXcQ";
  public static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  private YouTubeStubs() {}

  /** A comment resource; {@code parentId} null for a top-level comment. */
  public static Map<String, Object> comment(
      String id, String authorChannelId, String text, Instant at, String parentId) {
    Map<String, Object> snippet = new LinkedHashMap<>();
    snippet.put("channelId", BRAND);
    snippet.put("videoId", VIDEO);
    snippet.put("authorDisplayName", authorChannelId.equals(BRAND) ? "@acme" : "@nadia_k");
    snippet.put("authorChannelUrl", "http://www.youtube.com/@nadia_k");
    snippet.put("authorChannelId", Map.of("value", authorChannelId));
    snippet.put("textDisplay", text);
    snippet.put("textOriginal", text);
    snippet.put("canRate", true);
    snippet.put("viewerRating", "none");
    snippet.put("likeCount", 3);
    snippet.put("publishedAt", at.toString());
    snippet.put("updatedAt", at.toString());
    if (parentId != null) {
      snippet.put("parentId", parentId);
    }
    return Map.of("kind", "youtube#comment", "etag", "e-" + id, "id", id, "snippet", snippet);
  }

  /** A commentThread resource with its top-level comment and the replies included. */
  public static Map<String, Object> thread(
      Map<String, Object> top, int totalReplyCount, List<Map<String, Object>> replies) {
    Map<String, Object> snippet = new LinkedHashMap<>();
    snippet.put("channelId", BRAND);
    snippet.put("videoId", VIDEO);
    snippet.put("topLevelComment", top);
    snippet.put("canReply", true);
    snippet.put("totalReplyCount", totalReplyCount);
    snippet.put("isPublic", true);
    Map<String, Object> thread = new LinkedHashMap<>();
    thread.put("kind", "youtube#commentThread");
    thread.put("etag", "t-" + top.get("id"));
    thread.put("id", top.get("id"));
    thread.put("snippet", snippet);
    if (!replies.isEmpty()) {
      thread.put("replies", Map.of("comments", replies));
    }
    return thread;
  }

  public static Map<String, Object> threadPage(
      List<Map<String, Object>> threads, String nextPageToken) {
    return page("youtube#commentThreadListResponse", threads, nextPageToken);
  }

  public static Map<String, Object> commentPage(
      List<Map<String, Object>> comments, String nextPageToken) {
    return page("youtube#commentListResponse", comments, nextPageToken);
  }

  private static Map<String, Object> page(
      String kind, List<Map<String, Object>> items, String nextPageToken) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("kind", kind);
    page.put("etag", "p");
    if (nextPageToken != null) {
      page.put("nextPageToken", nextPageToken);
    }
    page.put("pageInfo", Map.of("totalResults", items.size(), "resultsPerPage", items.size()));
    page.put("items", new ArrayList<>(items));
    return page;
  }

  public static ResponseDefinitionBuilder json(Object body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withBody(new String(ChannelJson.write(body), java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Google's error body; the conversion has no schema for it, so the stub is marked a deviation.
   */
  public static ResponseDefinitionBuilder error(int status, String reason, String message) {
    Map<String, Object> error =
        Map.of(
            "error",
            Map.of(
                "code",
                status,
                "message",
                message,
                "errors",
                List.of(Map.of("message", message, "domain", "youtube.quota", "reason", reason))));
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withBody(new String(ChannelJson.write(error), java.nio.charset.StandardCharsets.UTF_8));
  }

  public static Metadata googleErrorBody() {
    return Metadata.metadata()
        .attr(
            YouTubeSpec.DEVIATION,
            "Google's error body is not in the discovery document's conversion")
        .build();
  }

  /** Google's token endpoint answer: no refresh_token (Google does not rotate it), one hour. */
  public static ResponseDefinitionBuilder tokens(String accessToken) {
    return json(
        Map.of(
            "access_token",
            accessToken,
            "expires_in",
            3599,
            "scope",
            "https://www.googleapis.com/auth/youtube.force-ssl",
            "token_type",
            "Bearer"));
  }

  public static YouTubeConfig config(
      URI baseUrl, URI tokenUrl, YouTubeConfig.Quota quota, boolean moderation) {
    return new YouTubeConfig(
        true,
        baseUrl,
        BRAND,
        new YouTubeConfig.OAuth2(
            "client-1.apps.googleusercontent.com",
            Secret.of("client-secret"),
            Secret.of("1//refresh-0"),
            tokenUrl),
        Duration.ofSeconds(60),
        Duration.ofHours(1),
        100,
        Duration.ofDays(7),
        null,
        quota,
        new YouTubeConfig.Moderation(moderation));
  }
}
