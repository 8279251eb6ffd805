package org.socialdesk.channel.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.socialdesk.api.Secret;

/**
 * The Mastodon REST and streaming calls the channel makes, with the brand's Bearer token. Answers
 * come back whatever their status; callers decide what a 429 or a 5xx means for them.
 */
final class MastodonApi {

  /** The peer name for the host's HTTP clients, logs and metrics. */
  static final String PEER = "mastodon";

  /** Notifications per page; Mastodon's default, and half its maximum. */
  static final int PAGE_SIZE = 40;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final Secret token;
  private final Duration timeout;

  MastodonApi(HttpClient http, URI base, Secret token, Duration timeout) {
    this.http = http;
    this.base = base;
    this.token = token;
    this.timeout = timeout;
  }

  /** An answer: status, headers and the body as text. */
  record Answer(int status, HttpHeaders headers, String body) {

    boolean ok() {
      return status / 100 == 2;
    }

    JsonNode json() throws IOException {
      return body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
    }

    /** Mastodon's {@code {"error": "..."}} text, else the status and the start of the body. */
    String error() {
      try {
        JsonNode error = json().path("error");
        if (error.isTextual() && !error.asText().isBlank()) {
          return error.asText();
        }
      } catch (IOException e) {
        // not JSON: fall through
      }
      String start = body.length() > 200 ? body.substring(0, 200) + "…" : body;
      return "HTTP " + status + (start.isBlank() ? "" : ": " + start.strip());
    }

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  /**
   * One page of mention and edit notifications newer than {@code minId} (the newest page when
   * null), filtered ones included: Mastodon filters private mentions from strangers by default.
   */
  Answer notifications(String minId) throws IOException, InterruptedException {
    String query =
        "types%5B%5D=mention&types%5B%5D=update&include_filtered=true&limit="
            + PAGE_SIZE
            + (minId == null ? "" : "&min_id=" + encode(minId));
    return get("/api/v1/notifications?" + query);
  }

  Answer verifyCredentials() throws IOException, InterruptedException {
    return get("/api/v1/accounts/verify_credentials");
  }

  Answer instance() throws IOException, InterruptedException {
    return get("/api/v2/instance");
  }

  /** {@code POST /api/v1/statuses} as a form, under the given Idempotency-Key. */
  Answer postStatus(Map<String, String> form, String idempotencyKey)
      throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        authorized(base.resolve("/api/v1/statuses"))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.headers(), response.body());
  }

  /**
   * Opens the user stream (home timeline, notifications, and deletions of statuses that mention the
   * brand) on {@code streamingBase}. The request timeout covers only the wait for the headers; the
   * body is read as long as the server keeps it open.
   */
  HttpResponse<Stream<String>> openUserStream(URI streamingBase)
      throws IOException, InterruptedException {
    HttpRequest request =
        authorized(streamingBase.resolve("/api/v1/streaming/user"))
            .timeout(timeout)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofLines());
  }

  private Answer get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request =
        authorized(base.resolve(pathAndQuery))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.headers(), response.body());
  }

  private HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token.reveal());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
