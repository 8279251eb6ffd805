package org.socialdesk.host.helpdesk.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.socialdesk.api.Metrics;
import org.socialdesk.api.Secret;
import org.socialdesk.api.helpdesk.HelpdeskException;

/**
 * HTTP calls to RT's REST2 API, authenticated with the service user's token, with at most a
 * configured number in flight. Every failure becomes a {@link HelpdeskException} naming the call,
 * the status and the time it took; outages, timeouts, 5xx and 429 are retryable.
 */
final class RtClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI api;
  private final Secret token;
  private final Duration timeout;
  private final Semaphore inFlight;
  private final Metrics metrics;

  RtClient(
      HttpClient http,
      URI baseUrl,
      Secret token,
      Duration timeout,
      int maxConcurrentCalls,
      Metrics metrics) {
    this.metrics = metrics;
    this.http = http;
    String base = baseUrl.toString().replaceAll("/+$", "");
    this.api = URI.create(base + "/REST/2.0/");
    this.token = token;
    this.timeout = timeout;
    this.inFlight = new Semaphore(maxConcurrentCalls, true);
  }

  /** The answer to one call: its status and JSON body (a missing node for an empty body). */
  record Answer(int status, JsonNode body, String location) {
    boolean is2xx() {
      return status >= 200 && status < 300;
    }
  }

  Answer get(String path) {
    return send("GET " + path, request(path).GET());
  }

  Answer post(String path, Object json) {
    return send(
        "POST " + path, request(path).header("Content-Type", "application/json").POST(body(json)));
  }

  Answer put(String path, Object json) {
    return send(
        "PUT " + path, request(path).header("Content-Type", "application/json").PUT(body(json)));
  }

  /** GET with query parameters, URL-encoded. */
  Answer get(String path, Map<String, String> query) {
    return get(path + "?" + form(query));
  }

  /** Fails unless the answer is 2xx, with RT's own message in the exception. */
  Answer expect2xx(String call, Answer answer) {
    if (!answer.is2xx()) {
      throw refused(call, answer);
    }
    return answer;
  }

  HelpdeskException refused(String call, Answer answer) {
    String message = answer.body().path("message").asText(answer.body().toString());
    boolean retryable = answer.status() == 429 || answer.status() >= 500;
    return new HelpdeskException(
        "RT " + call + " answered " + answer.status() + ": " + message,
        retryable,
        Duration.ZERO,
        null);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(api.resolve(path))
        .timeout(timeout)
        .header("Authorization", "token " + token.reveal())
        .header("Accept", "application/json");
  }

  private Answer send(String call, HttpRequest.Builder request) {
    long started = System.nanoTime();
    try {
      inFlight.acquire();
      try {
        HttpResponse<String> response;
        long sent = System.nanoTime();
        try {
          response =
              http.send(
                  request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } finally {
          metrics
              .timer("socialdesk.helpdesk.calls", "helpdesk", "rt", "call", resourceOf(call))
              .record(Duration.ofNanos(System.nanoTime() - sent));
        }
        String body = response.body();
        JsonNode json = body == null || body.isBlank() ? JSON.missingNode() : parse(body);
        return new Answer(
            response.statusCode(), json, response.headers().firstValue("Location").orElse(""));
      } finally {
        inFlight.release();
      }
    } catch (HttpTimeoutException e) {
      throw failure(call, "timed out", started, e);
    } catch (ConnectException e) {
      throw failure(call, "could not connect (is RT running?)", started, e);
    } catch (IOException e) {
      throw failure(call, "failed: " + e, started, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(call, "was interrupted", started, e);
    }
  }

  /** The call without ids, e.g. {@code POST ticket} or {@code GET ticket/id}, to tag metrics. */
  static String resourceOf(String call) {
    return call.replaceAll("/\\d+", "/id").replaceAll("\\?.*$", "");
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      // RT answers some errors as HTML or plain text; keep the text as the message.
      return JSON.createObjectNode()
          .put("message", body.length() > 300 ? body.substring(0, 300) : body);
    }
  }

  private static HelpdeskException failure(
      String call, String what, long started, Exception cause) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return new HelpdeskException(
        "RT " + call + " " + what + " after " + elapsed.toMillis() + " ms", true, elapsed, cause);
  }

  private static HttpRequest.BodyPublisher body(Object json) {
    try {
      return HttpRequest.BodyPublishers.ofString(
          JSON.writeValueAsString(json), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode request body", e);
    }
  }

  static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static ObjectMapper json() {
    return JSON;
  }
}
