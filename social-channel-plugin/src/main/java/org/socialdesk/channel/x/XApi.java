package org.socialdesk.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.oauth.BearerToken;
import org.socialdesk.channel.oauth.TokenUnavailable;

/**
 * Calls X API v2: paces every call ({@link XPacer}), sends the token as a Bearer token, reads the
 * rate-limit headers of every answer, and turns a 429 into {@link XRateLimited}. A 401 to a token
 * the channel can renew renews it and sends the request once more: X refused it before doing
 * anything, so nothing can happen twice. Any other answer is returned as it came; callers decide
 * what a status means for them.
 */
final class XApi {

  private static final String USER_AGENT = "Socialdesk";

  private final HttpClient http;
  private final String baseUrl;
  private final Duration timeout;
  private final XPacer pacer;

  XApi(HttpClient http, URI baseUrl, Duration timeout, XPacer pacer) {
    this.http = http;
    String base = baseUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.timeout = timeout;
    this.pacer = pacer;
  }

  /** An answer other than 429. */
  record Answer(int status, HttpHeaders headers, byte[] body) {

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    JsonNode json() throws IOException {
      return XJson.parse(body);
    }

    String problem() {
      return XProblem.describe(status, body);
    }
  }

  /** {@code GET path?query}; query values are joined lists already ({@code a,b,c}). */
  Answer get(XEndpoint endpoint, String path, Map<String, String> query, BearerToken token)
      throws XRateLimited, TokenUnavailable, IOException, InterruptedException {
    StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach((name, value) -> parameters.add(encode(name) + "=" + encode(value)));
    return send(endpoint, token, secret -> request(path + parameters, secret).GET().build());
  }

  /** {@code POST path} with a JSON body. */
  Answer post(XEndpoint endpoint, String path, Object json, BearerToken token)
      throws XRateLimited, TokenUnavailable, IOException, InterruptedException {
    byte[] body = XJson.write(json);
    return send(
        endpoint,
        token,
        secret ->
            request(path, secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
  }

  private HttpRequest.Builder request(String pathAndQuery, Secret token) {
    return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token.reveal())
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT);
  }

  private Answer send(XEndpoint endpoint, BearerToken token, Function<Secret, HttpRequest> request)
      throws XRateLimited, TokenUnavailable, IOException, InterruptedException {
    Optional<Instant> paced = pacer.tryAcquire(endpoint);
    if (paced.isPresent()) {
      throw new XRateLimited(
          paced.get(),
          "x: "
              + endpoint
              + " is paced until "
              + paced.get()
              + " (X's rate limit, or the configured budget per 15 minutes)");
    }
    Secret used = token.current();
    Answer answer = exchange(endpoint, request.apply(used));
    if (answer.status() == 401 && token.renewAfterRejection(used)) {
      answer = exchange(endpoint, request.apply(token.current()));
    }
    return answer;
  }

  private Answer exchange(XEndpoint endpoint, HttpRequest request)
      throws XRateLimited, IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 429) {
      Instant until = pacer.rateLimited(endpoint, response.headers());
      String detail = XProblem.detail(response.body());
      throw new XRateLimited(
          until,
          "x: "
              + endpoint
              + " answered 429"
              + (detail.isEmpty() ? "" : " " + detail)
              + "; retry at "
              + until);
    }
    pacer.observe(endpoint, response.headers());
    return new Answer(response.statusCode(), response.headers(), response.body());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
