package org.socialdesk.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.socialdesk.api.Secret;

/**
 * X's token endpoint ({@code POST /2/oauth2/token}, form-encoded), used for one grant only:
 * {@code grant_type=refresh_token}. A confidential client authenticates with HTTP Basic (client id
 * and secret); a public client sends only its {@code client_id}, which X's docs show in the body
 * in both cases.
 */
final class XOAuth2Client {

  /** X's documented lifetime of a user access token, when an answer names none. */
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(2);

  private final HttpClient http;
  private final URI tokenUrl;
  private final XConfig.OAuth2 client;
  private final Duration timeout;
  private final Clock clock;

  XOAuth2Client(HttpClient http, URI tokenUrl, XConfig.OAuth2 client, Duration timeout, Clock clock) {
    this.http = http;
    this.tokenUrl = tokenUrl;
    this.client = client;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** New tokens from X; X has then invalidated {@code refreshToken}. */
  record Tokens(Secret accessToken, Secret refreshToken, Instant expiresAt) {}

  Tokens refresh(Secret refreshToken) throws XTokenUnavailable, InterruptedException {
    String form = "grant_type=refresh_token&refresh_token=" + encode(refreshToken.reveal()) + "&client_id=" + encode(client.clientId());
    HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl)
        .timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
    if (client.clientSecret() != null) {
      String pair = client.clientId() + ":" + client.clientSecret().reveal();
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    Instant sentAt = clock.instant();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new XTokenUnavailable("x: cannot reach the token endpoint " + tokenUrl + " to renew the user access token (" + e + ")", e);
    }
    if (response.statusCode() != 200) {
      throw new XTokenUnavailable("x: the token endpoint refused to renew the user access token: " + refusal(response)
          + "; authorize the app again and set plugins.social-channel.x.oauth2.refresh-token");
    }
    return tokens(response.body(), refreshToken, sentAt);
  }

  private static Tokens tokens(byte[] body, Secret usedRefreshToken, Instant sentAt) throws XTokenUnavailable {
    JsonNode json;
    try {
      json = XJson.parse(body);
    } catch (IOException e) {
      throw new XTokenUnavailable("x: the token endpoint answered 200 with a body that is not JSON", e);
    }
    String access = XJson.text(json, "access_token");
    if (access == null || access.isEmpty()) {
      throw new XTokenUnavailable("x: the token endpoint answered 200 without an access_token");
    }
    // X rotates the refresh token on every use; an answer without one leaves the old one valid.
    String refresh = XJson.text(json, "refresh_token");
    long seconds = json.path("expires_in").asLong(DEFAULT_LIFETIME.toSeconds());
    // Counted from when the request left, so that a slow answer cannot make the token look younger.
    return new Tokens(Secret.of(access), refresh == null || refresh.isEmpty() ? usedRefreshToken : Secret.of(refresh),
        sentAt.plusSeconds(seconds > 0 ? seconds : DEFAULT_LIFETIME.toSeconds()));
  }

  /** Status and OAuth error code, never the body as a whole (it could echo a token). */
  private static String refusal(HttpResponse<byte[]> response) {
    try {
      JsonNode json = XJson.parse(response.body());
      String error = XJson.text(json, "error");
      String description = XJson.text(json, "error_description");
      return response.statusCode() + (error != null ? " " + error : "") + (description != null ? " (" + description + ")" : "");
    } catch (IOException | RuntimeException e) {
      return String.valueOf(response.statusCode());
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
