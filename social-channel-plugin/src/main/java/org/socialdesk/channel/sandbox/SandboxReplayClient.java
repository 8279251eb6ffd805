package org.socialdesk.channel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sends one post to a running Socialdesk's {@code POST /api/channels/sandbox/posts}, retrying what
 * is temporary (503 while the server starts, 502 or 504 from a proxy in front of it, no connection
 * while it restarts) with backoff, waiting at least as long as {@code Retry-After} says. The
 * retries span about two minutes, longer than a restart. It stops the whole replay ({@link
 * Unreachable}) when retries run out or the server will refuse every post (wrong token, no sandbox
 * there).
 *
 * <p>A post whose first try was cut off after it was sent may have been stored by that try: when a
 * retry then hears "duplicate", the post counts as stored, since this replay stored it.
 */
final class SandboxReplayClient {

  static final int ATTEMPTS = 10;
  static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Answers meaning "not now": the server is starting or overloaded, or a proxy cannot reach it.
   */
  static final Set<Integer> TEMPORARY = Set.of(502, 503, 504);

  private final HttpClient http;
  private final URI endpoint;
  private final String token;
  private final SandboxReplay.Pause pause;

  /**
   * @param baseUrl Socialdesk's base URL, e.g. {@code http://127.0.0.1:8080}
   */
  SandboxReplayClient(HttpClient http, URI baseUrl, String token, SandboxReplay.Pause pause) {
    this.http = http;
    this.endpoint =
        URI.create(baseUrl.toString().replaceAll("/+$", "") + "/api/channels/sandbox/posts");
    this.token = token;
    this.pause = pause;
  }

  /** What the server did with one post. */
  enum Outcome {
    STORED,
    DUPLICATE,
    REFUSED
  }

  /**
   * @param detail the server's error for a refused post, else empty
   */
  record Answer(Outcome outcome, String detail) {}

  /** The server cannot take any post now or ever; the replay stops. */
  static final class Unreachable extends Exception {
    Unreachable(String message) {
      super(message);
    }
  }

  /**
   * Posts one line's JSON; retries 503 and connection failures up to {@link #ATTEMPTS} times.
   *
   * @param notes where to say that the post is being retried
   */
  Answer send(String json, Consumer<String> notes) throws Unreachable, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    String problem = "";
    boolean mayHaveBeenStored = false;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Duration wait = backoff(attempt);
      try {
        HttpResponse<String> response =
            http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (!TEMPORARY.contains(response.statusCode())) {
          return answer(response, mayHaveBeenStored);
        }
        problem =
            "the server answered " + response.statusCode() + " (" + error(response.body()) + ")";
        OptionalLong retryAfter = response.headers().firstValueAsLong("Retry-After");
        if (retryAfter.isPresent()) {
          Duration asked =
              Duration.ofSeconds(Math.min(retryAfter.getAsLong(), MAX_BACKOFF.toSeconds()));
          wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
      } catch (IOException e) {
        // Refused before sending: nothing reached the server. Anything else (reset, timeout) may
        // have come after the server stored the post.
        mayHaveBeenStored |= !(e instanceof ConnectException);
        problem =
            "cannot reach "
                + endpoint
                + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      } catch (NumberFormatException e) {
        // A Retry-After that is a date, not seconds: keep our own backoff.
      }
      if (attempt < ATTEMPTS) {
        notes.accept(problem + "; retrying in " + wait.toMillis() + " ms");
        pause.sleep(wait);
      }
    }
    throw new Unreachable(problem + ", " + ATTEMPTS + " times");
  }

  /**
   * @param mayHaveBeenStored whether an earlier try of this post may have stored it
   */
  private Answer answer(HttpResponse<String> response, boolean mayHaveBeenStored)
      throws Unreachable {
    int status = response.statusCode();
    return switch (status) {
      case 202 -> new Answer(Outcome.STORED, "");
      case 200 -> new Answer(mayHaveBeenStored ? Outcome.STORED : Outcome.DUPLICATE, "");
      case 401, 403 ->
          throw new Unreachable(
              "the server refused the admin token (" + status + "); check --token or --token-file");
      case 404 ->
          throw new Unreachable(
              "no sandbox at "
                  + endpoint
                  + " (404); is plugins.social-channel.sandbox.enabled true on that server?");
      default -> new Answer(Outcome.REFUSED, status + ": " + error(response.body()));
    };
  }

  /** The server's {@code error} and {@code field}, or the body's start if it is not our JSON. */
  private static String error(String body) {
    try {
      JsonNode json = SandboxJsonObject.MAPPER.readTree(body);
      if (json != null && json.hasNonNull("error")) {
        return json.get("error").asText();
      }
    } catch (IOException e) {
      // Not JSON: show the body's start below.
    }
    String start = body.strip();
    return start.isEmpty() ? "empty body" : start.substring(0, Math.min(200, start.length()));
  }

  private static Duration backoff(int attempt) {
    Duration delay = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 10));
    return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
  }
}
