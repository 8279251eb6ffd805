package org.socialdesk.channel.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
 * A network's OAuth 2.0 token endpoint (form-encoded, RFC 6749 section 6), used for one grant only:
 * {@code grant_type=refresh_token}. A confidential client authenticates with HTTP Basic (client id
 * and secret, which X and Google both accept); the {@code client_id} is sent in the body too, as
 * X's docs show, so that a public client works the same.
 */
public final class OAuth2RefreshClient {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final TokenOwner owner;
  private final HttpClient http;
  private final Client client;
  private final Duration timeout;
  private final Clock clock;

  /**
   * The app's registration at the network.
   *
   * @param tokenUrl the token endpoint
   * @param clientId the app's client id
   * @param clientSecret the app's secret, or null for a public client
   * @param defaultLifetime how long an access token lives when an answer names no {@code
   *     expires_in}
   */
  public record Client(
      URI tokenUrl, String clientId, Secret clientSecret, Duration defaultLifetime) {}

  public OAuth2RefreshClient(
      TokenOwner owner, HttpClient http, Client client, Duration timeout, Clock clock) {
    this.owner = owner;
    this.http = http;
    this.client = client;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** New tokens; a rotating network has then invalidated the refresh token spent. */
  public record Tokens(Secret accessToken, Secret refreshToken, Instant expiresAt) {}

  public Tokens refresh(Secret refreshToken) throws TokenUnavailable, InterruptedException {
    String form =
        "grant_type=refresh_token&refresh_token="
            + encode(refreshToken.reveal())
            + "&client_id="
            + encode(client.clientId());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(client.tokenUrl())
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
    if (client.clientSecret() != null) {
      String pair = client.clientId() + ":" + client.clientSecret().reveal();
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    Instant sentAt = clock.instant();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new TokenUnavailable(
          owner.network()
              + ": cannot reach the token endpoint "
              + client.tokenUrl()
              + " to renew the user access token ("
              + e
              + ")",
          e);
    }
    if (response.statusCode() != 200) {
      throw new TokenUnavailable(
          owner.network()
              + ": the token endpoint refused to renew the user access token: "
              + refusal(response)
              + "; authorize the app again and set "
              + owner.refreshTokenKey());
    }
    return tokens(response.body(), refreshToken, sentAt);
  }

  private Tokens tokens(byte[] body, Secret usedRefreshToken, Instant sentAt)
      throws TokenUnavailable {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new TokenUnavailable(
          owner.network() + ": the token endpoint answered 200 with a body that is not JSON", e);
    }
    String access = text(json, "access_token");
    if (access == null || access.isEmpty()) {
      throw new TokenUnavailable(
          owner.network() + ": the token endpoint answered 200 without an access_token");
    }
    // X rotates the refresh token on every use; Google sends none back: the old one stays valid.
    String refresh = text(json, "refresh_token");
    long lifetime = client.defaultLifetime().toSeconds();
    long seconds = json.path("expires_in").asLong(lifetime);
    // Counted from when the request left, so that a slow answer cannot make the token look younger.
    return new Tokens(
        Secret.of(access),
        refresh == null || refresh.isEmpty() ? usedRefreshToken : Secret.of(refresh),
        sentAt.plusSeconds(seconds > 0 ? seconds : lifetime));
  }

  /** Status and OAuth error code, never the body as a whole (it could echo a token). */
  private static String refusal(HttpResponse<byte[]> response) {
    try {
      JsonNode json = JSON.readTree(response.body());
      String error = text(json, "error");
      String description = text(json, "error_description");
      return response.statusCode()
          + (error != null ? " " + error : "")
          + (description != null ? " (" + description + ")" : "");
    } catch (IOException | RuntimeException e) {
      return String.valueOf(response.statusCode());
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json == null ? null : json.get(field);
    return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
