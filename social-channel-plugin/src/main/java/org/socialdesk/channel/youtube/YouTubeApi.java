package org.socialdesk.channel.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.json.ChannelJson;
import org.socialdesk.channel.oauth.BearerToken;
import org.socialdesk.channel.oauth.TokenUnavailable;

/**
 * Calls the YouTube Data API v3: reserves each call's units in {@link YouTubeQuota} before it is
 * sent, sends the brand's access token as a Bearer token, and turns YouTube's {@code quotaExceeded}
 * (403) into {@link YouTubeQuotaWait} until the daily reset. A 401 renews the token and sends the
 * request once more (Google refused it before doing anything). Any other answer is returned as it
 * came.
 */
final class YouTubeApi {

  static final String ROOT = "/youtube/v3";

  private final HttpClient http;
  private final String baseUrl;
  private final Duration timeout;
  private final BearerToken token;
  private final YouTubeQuota quota;

  YouTubeApi(
      HttpClient http, URI baseUrl, Duration timeout, BearerToken token, YouTubeQuota quota) {
    this.http = http;
    String base = baseUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.timeout = timeout;
    this.token = token;
    this.quota = quota;
  }

  /** An answer other than quotaExceeded. */
  record Answer(int status, byte[] body) {

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    JsonNode json() throws IOException {
      return ChannelJson.parse(body);
    }

    /** Status, Google's error reason and message, for logs and ReplyStatus. */
    String problem() {
      return YouTubeProblem.describe(status, body);
    }

    String reason() {
      return YouTubeProblem.reason(body);
    }
  }

  /** One call: method name (e.g. {@code commentThreads.list}), its cost and what it is for. */
  record Call(String method, int cost, YouTubeQuota.Use use) {}

  /** {@code GET /youtube/v3/<resource>?query}. */
  Answer get(Call call, String resource, List<Map.Entry<String, String>> query)
      throws YouTubeQuotaWait, TokenUnavailable, IOException, InterruptedException {
    URI uri = uri(resource, query);
    return send(call, secret -> request(uri, secret).GET().build());
  }

  /** {@code POST /youtube/v3/<resource>?query}, with a JSON body or none. */
  Answer post(Call call, String resource, List<Map.Entry<String, String>> query, Object json)
      throws YouTubeQuotaWait, TokenUnavailable, IOException, InterruptedException {
    URI uri = uri(resource, query);
    return send(
        call,
        secret -> {
          HttpRequest.Builder request = request(uri, secret);
          if (json == null) {
            return request.POST(HttpRequest.BodyPublishers.noBody()).build();
          }
          return request
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(ChannelJson.write(json)))
              .build();
        });
  }

  private URI uri(String resource, List<Map.Entry<String, String>> query) {
    StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(entry -> parameters.add(encode(entry.getKey()) + "=" + encode(entry.getValue())));
    return URI.create(baseUrl + ROOT + "/" + resource + parameters);
  }

  private HttpRequest.Builder request(URI uri, Secret secret) {
    return HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Authorization", "Bearer " + secret.reveal())
        .header("Accept", "application/json")
        .header("User-Agent", "Socialdesk");
  }

  private Answer send(Call call, Function<Secret, HttpRequest> request)
      throws YouTubeQuotaWait, TokenUnavailable, IOException, InterruptedException {
    Secret used = token.current();
    reserve(call);
    Answer answer = exchange(call, request.apply(used));
    if (answer.status() == 401 && token.renewAfterRejection(used)) {
      reserve(call);
      answer = exchange(call, request.apply(token.current()));
    }
    return answer;
  }

  private void reserve(Call call) throws YouTubeQuotaWait {
    Optional<Instant> wait = quota.reserve(call.cost(), call.use());
    if (wait.isPresent()) {
      throw new YouTubeQuotaWait(
          wait.get(),
          "youtube: "
              + call.method()
              + " waits for the quota's reset at "
              + wait.get()
              + " (the day's "
              + (call.use() == YouTubeQuota.Use.POLL ? "poll " : "")
              + "units are spent)");
    }
  }

  private Answer exchange(Call call, HttpRequest request)
      throws YouTubeQuotaWait, IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    Answer answer = new Answer(response.statusCode(), response.body());
    if (answer.status() == 403 && YouTubeProblem.QUOTA_EXCEEDED.equals(answer.reason())) {
      Instant until = quota.exceeded();
      throw new YouTubeQuotaWait(
          until,
          "youtube: "
              + call.method()
              + " answered "
              + answer.problem()
              + "; waiting for the reset at "
              + until);
    }
    return answer;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
