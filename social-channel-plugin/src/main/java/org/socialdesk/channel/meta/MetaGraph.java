package org.socialdesk.channel.meta;

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
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.Secret;
import org.socialdesk.api.social.UntrustedText;

/**
 * The Graph API client: {@code <graph-base-url>/<graph-version>/<node>[/<edge>]}, the account's
 * token as a Bearer header and {@code appsecret_proof} (HMAC-SHA256 of the token keyed with the app
 * secret) on every call, so that a leaked token alone cannot be used from elsewhere when the app
 * requires the proof. Graph's errors become a {@link MetaGraphException} whose kind tells the
 * caller what to do; an answer that never came is an {@link IOException}, which the publisher
 * treats as an unknown outcome.
 */
final class MetaGraph {

  static final String PEER = "meta";

  private static final Logger log = LoggerFactory.getLogger(MetaGraph.class);
  private static final String USER_AGENT = "Socialdesk-Meta/1";

  /**
   * Error 10's subcode for a message sent outside the allowed window: refused for good, not a
   * missing permission.
   */
  static final int OUTSIDE_WINDOW = 2018278;

  private final HttpClient http;
  private final String root;
  private final Secret appSecret;
  private final Duration timeout;
  private final MetaPacer pacer;
  private final MetaTokens tokens;

  MetaGraph(
      HttpClient http, MetaConfig config, Duration timeout, MetaPacer pacer, MetaTokens tokens) {
    this.http = http;
    this.root = config.graphRoot();
    this.appSecret = config.appSecret();
    this.timeout = timeout;
    this.pacer = pacer;
    this.tokens = tokens;
  }

  /** {@code GET /<path>?<query>} with {@code account}'s token. */
  JsonNode get(String account, String path, Map<String, String> query)
      throws MetaGraphException, IOException, InterruptedException {
    return send(account, token -> HttpRequest.newBuilder(uri(path, query, token)).GET(), path);
  }

  /** {@code POST /<path>} with form parameters, as Graph's edges take them. */
  JsonNode postForm(String account, String path, Map<String, String> form)
      throws MetaGraphException, IOException, InterruptedException {
    String body = encode(form);
    return send(
        account,
        token ->
            HttpRequest.newBuilder(uri(path, Map.of(), token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)),
        path);
  }

  /** {@code POST /<path>} with a JSON body (the Send API). */
  JsonNode postJson(String account, String path, Object body)
      throws MetaGraphException, IOException, InterruptedException {
    byte[] json = MetaJson.write(body);
    return send(
        account,
        token ->
            HttpRequest.newBuilder(uri(path, Map.of(), token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)),
        path);
  }

  /** The proof Graph expects beside a token: lowercase hex of HMAC-SHA256(app secret, token). */
  static String appsecretProof(Secret appSecret, Secret token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(appSecret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(token.reveal().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
    }
  }

  private interface RequestFor {
    HttpRequest.Builder with(Secret token);
  }

  private JsonNode send(String account, RequestFor request, String path)
      throws MetaGraphException, IOException, InterruptedException {
    Optional<Instant> paused = pacer.pausedUntil();
    if (paused.isPresent()) {
      throw new MetaGraphException(
          MetaGraphException.Kind.THROTTLED,
          0,
          paused.get(),
          "meta: Graph calls pause until "
              + paused.get()
              + " (Meta's usage headers or a throttling error); nothing was sent");
    }
    Secret token = tokens.current(account);
    HttpRequest built =
        request
            .with(token)
            .timeout(timeout)
            .header("Authorization", "Bearer " + token.reveal())
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT)
            .build();
    HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
    pacer.observe(response.headers());
    JsonNode json = json(response.body());
    if (response.statusCode() / 100 == 2) {
      return json;
    }
    throw failure(account, path, response.statusCode(), json.path("error"), response.headers());
  }

  private MetaGraphException failure(
      String account, String path, int status, JsonNode error, HttpHeaders headers) {
    int code = (int) MetaJson.number(error, "code");
    int subcode = (int) MetaJson.number(error, "error_subcode");
    String message =
        UntrustedText.forLog(
            Optional.ofNullable(MetaJson.text(error, "message")).orElse("no message"));
    String detail =
        "meta: "
            + path.replaceAll("/[0-9_]+", "/{id}")
            + " answered "
            + status
            + " (Graph error "
            + code
            + (subcode > 0 ? "/" + subcode : "")
            + ": "
            + message
            + ")";
    if (code == 190) {
      tokens.revoke(
          account, "Graph error 190" + (subcode > 0 ? "/" + subcode : "") + ": " + message);
      log.error(
          "{}: the token of {} is expired or revoked; set a new long-lived token in plugins.social-channel.meta. Replies and polls wait.",
          detail,
          account);
      return new MetaGraphException(
          MetaGraphException.Kind.TOKEN_INVALID,
          code,
          null,
          detail + "; the token is expired or revoked");
    }
    if (status == 429 || isThrottling(code)) {
      Instant until = pacer.throttled(headers);
      log.warn("{}; Graph calls pause until {}", detail, until);
      return new MetaGraphException(
          MetaGraphException.Kind.THROTTLED, code, until, detail + "; retry at " + until);
    }
    if (code == 10 && subcode == OUTSIDE_WINDOW) {
      return new MetaGraphException(
          MetaGraphException.Kind.REJECTED,
          code,
          null,
          detail + "; the messaging window is closed");
    }
    if (code == 10 || code >= 200 && code <= 299) {
      log.error(
          "{}: the app or the token lacks a permission; grant it in the Meta app (see the README). Replies wait.",
          detail);
      return new MetaGraphException(
          MetaGraphException.Kind.PERMISSION, code, null, detail + "; a permission is missing");
    }
    if (status >= 500 || code == 1 || code == 2 || error.path("is_transient").asBoolean(false)) {
      return new MetaGraphException(MetaGraphException.Kind.TEMPORARY, code, null, detail);
    }
    return new MetaGraphException(MetaGraphException.Kind.REJECTED, code, null, detail);
  }

  /**
   * Graph's throttling codes: 4 (app), 17 (user), 32 (Page), 613 (call-specific), 80000-80099
   * (business use case).
   */
  static boolean isThrottling(int code) {
    return code == 4 || code == 17 || code == 32 || code == 613 || code >= 80000 && code <= 80099;
  }

  private URI uri(String path, Map<String, String> query, Secret token) {
    Map<String, String> all = new LinkedHashMap<>(query);
    all.put("appsecret_proof", appsecretProof(appSecret, token));
    return URI.create(root + path + "?" + encode(all));
  }

  private static String encode(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static JsonNode json(byte[] body) {
    try {
      JsonNode node = body.length == 0 ? null : MetaJson.parse(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
