package org.socialdesk.channel.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.json.ChannelJson;
import org.socialdesk.channel.oauth.TokenUnavailable;

/**
 * XRPC calls to the brand's PDS ({@code /xrpc/<nsid>}), with the session's access token. The PDS
 * answers {@code com.atproto.*} itself and proxies {@code app.bsky.*} to the AppView and {@code
 * chat.bsky.*} to the service named in the {@code atproto-proxy} header. Answers come back whatever
 * their status; callers decide what a 429 or a 5xx means for them. An expired access token (401, or
 * 400 {@code ExpiredToken}) is renewed once and the call sent again.
 */
final class BlueskyXrpc {

  /** The peer name for the host's HTTP clients, logs and metrics. */
  static final String PEER = "bluesky";

  private final HttpClient http;
  private final URI pds;
  private final Duration timeout;
  private final BlueskySession session;

  BlueskyXrpc(HttpClient http, URI pds, Duration timeout, BlueskySession session) {
    this.http = http;
    this.pds = pds;
    this.timeout = timeout;
    this.session = session;
  }

  /** An XRPC answer: status, headers and the body as text. */
  record Answer(int status, HttpHeaders headers, String body) {

    boolean ok() {
      return status / 100 == 2;
    }

    JsonNode json() throws IOException {
      return body.isBlank()
          ? MissingNode.getInstance()
          : ChannelJson.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /** XRPC's error name ({@code {"error":"NotFound","message":…}}), or empty. */
    String errorName() {
      try {
        return json().path("error").asText("");
      } catch (IOException e) {
        return "";
      }
    }

    /** The error and message, else the status and the start of the body. */
    String problem() {
      try {
        JsonNode json = json();
        if (json.path("error").isTextual()) {
          return "HTTP "
              + status
              + " "
              + json.path("error").asText()
              + (json.path("message").isTextual() ? ": " + json.path("message").asText() : "");
        }
      } catch (IOException e) {
        // not JSON: fall through
      }
      String start = body.length() > 200 ? body.substring(0, 200) + "…" : body;
      return "HTTP " + status + (start.isBlank() ? "" : ": " + start.strip());
    }

    /**
     * When the rate limit resets ({@code ratelimit-reset}, epoch seconds), if the answer says so.
     */
    Optional<Instant> rateLimitReset() {
      return headers
          .firstValue("ratelimit-reset")
          .flatMap(
              value -> {
                try {
                  return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.strip())));
                } catch (NumberFormatException e) {
                  return Optional.empty();
                }
              });
    }
  }

  /** A query ({@code GET}); {@code proxy} is the {@code atproto-proxy} header, or null. */
  Answer get(String nsid, List<Map.Entry<String, String>> query, String proxy)
      throws IOException, InterruptedException, TokenUnavailable {
    String parameters =
        query.stream()
            .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("&"));
    URI uri = pds.resolve("/xrpc/" + nsid + (parameters.isEmpty() ? "" : "?" + parameters));
    return authorized(HttpRequest.newBuilder(uri).GET(), proxy);
  }

  /** A procedure ({@code POST} of a JSON body). */
  Answer post(String nsid, Object body, String proxy)
      throws IOException, InterruptedException, TokenUnavailable {
    HttpRequest.BodyPublisher json =
        HttpRequest.BodyPublishers.ofByteArray(ChannelJson.write(body));
    return authorized(
        HttpRequest.newBuilder(pds.resolve("/xrpc/" + nsid))
            .header("Content-Type", "application/json")
            .POST(json),
        proxy);
  }

  /** A call without the session (createSession, refreshSession, getRecord). */
  Answer send(HttpRequest.Builder request, Secret bearer) throws IOException, InterruptedException {
    request.timeout(timeout).header("Accept", "application/json");
    if ("http".equals(pds.getScheme())) {
      // The JDK's HTTP/2 sends "Upgrade: h2c" on plain http, and the PDS drops such requests.
      request.version(HttpClient.Version.HTTP_1_1);
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer.reveal());
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.headers(), response.body());
  }

  URI pds() {
    return pds;
  }

  private Answer authorized(HttpRequest.Builder request, String proxy)
      throws IOException, InterruptedException, TokenUnavailable {
    if (proxy != null) {
      request.header("atproto-proxy", proxy);
    }
    Secret token = session.accessToken();
    Answer answer = send(request.copy(), token);
    if (expired(answer) && session.renewAfterRejection(token)) {
      answer = send(request.copy(), session.accessToken());
    }
    return answer;
  }

  private static boolean expired(Answer answer) {
    return answer.status() == 401
        || answer.status() == 400 && "ExpiredToken".equals(answer.errorName());
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
