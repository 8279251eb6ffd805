package org.socialdesk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account of the {@link LocalBluesky} network as a person uses it, for tests: signs in with its
 * password, posts (with a mention facet at the right UTF-8 byte offsets), replies, deletes, reads
 * threads, creates app passwords and calls the chat service. HTTP/1.1 only: the PDS drops requests
 * with {@code Upgrade: h2c}.
 */
public final class LocalBlueskyClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI pds;
  private final LocalBluesky.Account account;
  private String accessJwt;

  public LocalBlueskyClient(URI pds, LocalBluesky.Account account) {
    this.pds = pds;
    this.account = account;
  }

  /** A post's strong reference. */
  public record Ref(String uri, String cid) {
    public String rkey() {
      return uri.substring(uri.lastIndexOf('/') + 1);
    }

    Map<String, String> json() {
      return Map.of("uri", uri, "cid", cid);
    }
  }

  /** A call's answer. */
  public record Answer(int status, JsonNode json) {}

  public String did() {
    return account.did();
  }

  public String handleOf() {
    return account.handle();
  }

  /** Creates an app password of this account; {@code privileged} ones may use the chat service. */
  public String createAppPassword(String name, boolean privileged)
      throws IOException, InterruptedException {
    return require(
            post(
                "com.atproto.server.createAppPassword",
                Map.of("name", name, "privileged", privileged),
                null))
        .path("password")
        .asText();
  }

  /**
   * A top-level post mentioning {@code handle} (whose DID is {@code did}), as real clients send it.
   */
  public Ref mention(String before, String handle, String did, String after)
      throws IOException, InterruptedException {
    String text = before + "@" + handle + after;
    int start = before.getBytes(StandardCharsets.UTF_8).length;
    int end = start + ("@" + handle).getBytes(StandardCharsets.UTF_8).length;
    Map<String, Object> facet =
        Map.of(
            "index", Map.of("byteStart", start, "byteEnd", end),
            "features", List.of(Map.of("$type", "app.bsky.richtext.facet#mention", "did", did)));
    return create(record(text, null, List.of(facet)));
  }

  /** A reply in the thread of {@code root}, answering {@code parent}. */
  public Ref reply(String text, Ref root, Ref parent) throws IOException, InterruptedException {
    return create(record(text, Map.of("root", root.json(), "parent", parent.json()), null));
  }

  /** A post quoting {@code quoted}. */
  public Ref quote(String text, Ref quoted) throws IOException, InterruptedException {
    Map<String, Object> record = record(text, null, null);
    record.put("embed", Map.of("$type", "app.bsky.embed.record", "record", quoted.json()));
    return create(record);
  }

  public void delete(Ref post) throws IOException, InterruptedException {
    require(
        post(
            "com.atproto.repo.deleteRecord",
            Map.of("repo", account.did(), "collection", "app.bsky.feed.post", "rkey", post.rkey()),
            null));
  }

  /** {@code app.bsky.feed.getPostThread} of the post, whatever the status. */
  public Answer thread(String uri) throws IOException, InterruptedException {
    return get(
        "app.bsky.feed.getPostThread?uri=" + encode(uri) + "&depth=10&parentHeight=10", null);
  }

  /** A GET of {@code nsidAndQuery} with this account's session. */
  public Answer get(String nsidAndQuery, String proxy) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(pds.resolve("/xrpc/" + nsidAndQuery)).GET();
    return send(request, proxy);
  }

  /** A POST of {@code body} to {@code nsid} with this account's session. */
  public Answer post(String nsid, Object body, String proxy)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(pds.resolve("/xrpc/" + nsid))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    return send(request, proxy);
  }

  public static JsonNode require(Answer answer) {
    if (answer.status() / 100 != 2) {
      throw new IllegalStateException(
          "the local network answered " + answer.status() + ": " + answer.json());
    }
    return answer.json();
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Map<String, Object> record(String text, Object reply, Object facets) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("$type", "app.bsky.feed.post");
    record.put("text", text);
    record.put("createdAt", Instant.now().toString());
    if (reply != null) {
      record.put("reply", reply);
    }
    if (facets != null) {
      record.put("facets", facets);
    }
    return record;
  }

  private Ref create(Map<String, Object> record) throws IOException, InterruptedException {
    JsonNode created =
        require(
            post(
                "com.atproto.repo.createRecord",
                Map.of("repo", account.did(), "collection", "app.bsky.feed.post", "record", record),
                null));
    return new Ref(created.path("uri").asText(), created.path("cid").asText());
  }

  private Answer send(HttpRequest.Builder request, String proxy)
      throws IOException, InterruptedException {
    request.header("Authorization", "Bearer " + session()).timeout(Duration.ofSeconds(30));
    if (proxy != null) {
      request.header("atproto-proxy", proxy);
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    JsonNode json =
        response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    return new Answer(response.statusCode(), json);
  }

  private synchronized String session() throws IOException, InterruptedException {
    if (accessJwt == null) {
      HttpRequest request =
          HttpRequest.newBuilder(pds.resolve("/xrpc/com.atproto.server.createSession"))
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(30))
              .POST(
                  HttpRequest.BodyPublishers.ofByteArray(
                      JSON.writeValueAsBytes(
                          Map.of("identifier", account.handle(), "password", account.password()))))
              .build();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "createSession of " + account.handle() + " answered " + json);
      }
      accessJwt = json.path("accessJwt").asText();
    }
    return accessJwt;
  }
}
