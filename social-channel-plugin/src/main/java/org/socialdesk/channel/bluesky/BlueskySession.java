package org.socialdesk.channel.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.Secret;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.json.ChannelJson;
import org.socialdesk.channel.oauth.OAuth2RefreshClient;
import org.socialdesk.channel.oauth.TokenStore;
import org.socialdesk.channel.oauth.TokenUnavailable;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * The brand's session on its PDS: {@code createSession} with the handle and the app password, then
 * {@code refreshSession} with the refresh token before the access token expires ({@link
 * #RENEW_BEFORE} ahead), and {@code createSession} again when the refresh token is refused. The
 * tokens are kept in {@code bluesky_session}, sealed under a key derived from the app password
 * ({@link TokenStore}), and renewed under the row's lock, so instances sharing a database never
 * spend one refresh token twice (the PDS rotates it). Until the first session, the row holds the
 * app password itself, sealed; the first session replaces it.
 */
final class BlueskySession {

  static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

  /** What the PDS gives when it does not say (access tokens of the reference PDS live 2 h). */
  private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);

  private static final Logger log = LoggerFactory.getLogger(BlueskySession.class);

  private final BlueskyConfig config;
  private final TokenStore store;
  private final TokenStore.Seed seed;
  private final Clock clock;
  private final ReentrantLock renewal = new ReentrantLock();
  private BlueskyXrpc xrpc;
  private volatile TokenStore.Stored held;
  private volatile String failure;
  private volatile Instant retryAt = Instant.MIN;

  BlueskySession(BlueskyConfig config, TokenStore store, Clock clock) {
    this.config = config;
    this.store = store;
    this.seed = new TokenStore.Seed(config.handle(), config.appPassword(), null);
    this.clock = clock;
  }

  /** The client the session's own calls go through (set once, by the channel). */
  void use(BlueskyXrpc client) {
    this.xrpc = client;
  }

  /** An access token that does not expire within {@link #RENEW_BEFORE}. */
  Secret accessToken() throws TokenUnavailable {
    TokenStore.Stored now = held;
    if (now != null && usable(now, null)) {
      return now.accessToken();
    }
    return renew(null);
  }

  /** The PDS refused {@code rejected}: true when another token is now current. */
  boolean renewAfterRejection(Secret rejected) throws TokenUnavailable {
    TokenStore.Stored now = held;
    if (now != null && !rejected.equals(now.accessToken())) {
      return true;
    }
    log.info("bluesky: the PDS refused the access token; renewing the session");
    renew(rejected);
    return true;
  }

  /** The brand's DID, the access token's subject. */
  String did() throws TokenUnavailable {
    String did = claims(accessToken()).path("sub").asText("");
    if (!did.startsWith("did:")) {
      throw new TokenUnavailable("bluesky: the access token names no DID (sub)");
    }
    return did;
  }

  /** When the current access token expires, or null before the first session. */
  Instant expiresAt() {
    TokenStore.Stored now = held;
    return now == null ? null : now.expiresAt();
  }

  String failure() {
    return failure;
  }

  private Secret renew(Secret rejected) throws TokenUnavailable {
    renewal.lock();
    try {
      if (clock.instant().isBefore(retryAt)) {
        throw new TokenUnavailable(failure + " (next attempt at " + retryAt + ")");
      }
      TokenStore.Stored tokens =
          store.renewUnlessUsable(seed, stored -> usable(stored, rejected), this::exchange);
      held = tokens;
      failure = null;
      return tokens.accessToken();
    } catch (TokenUnavailable e) {
      fail(e.getMessage());
      throw e;
    } catch (ChannelStorageException e) {
      fail("bluesky: cannot read or lock the stored session: " + e);
      throw new TokenUnavailable(failure, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenUnavailable("bluesky: interrupted while renewing the session", e);
    } finally {
      renewal.unlock();
    }
  }

  private void fail(String message) {
    failure = message;
    retryAt = clock.instant().plus(RETRY_AFTER_FAILURE);
    log.error("{}", UntrustedText.forLog(message));
  }

  /** The stored refresh token is the app password until the first session replaces it. */
  private OAuth2RefreshClient.Tokens exchange(Secret refreshToken)
      throws TokenUnavailable, InterruptedException {
    if (!refreshToken.equals(config.appPassword())) {
      BlueskyXrpc.Answer refreshed = call("com.atproto.server.refreshSession", null, refreshToken);
      if (refreshed.ok()) {
        return tokens(refreshed);
      }
      log.info(
          "bluesky: refreshSession answered {}; signing in again",
          UntrustedText.forLog(refreshed.problem()));
    }
    BlueskyXrpc.Answer created =
        call(
            "com.atproto.server.createSession",
            Map.of("identifier", config.handle(), "password", config.appPassword().reveal()),
            null);
    if (!created.ok()) {
      throw new TokenUnavailable(
          "bluesky: createSession as "
              + config.handle()
              + " answered "
              + created.problem()
              + "; check "
              + BlueskyConfig.KEY
              + ".handle and .app-password");
    }
    log.info("bluesky: signed in as {}", config.handle());
    return tokens(created);
  }

  private BlueskyXrpc.Answer call(String nsid, Object body, Secret bearer)
      throws TokenUnavailable, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(xrpc.pds().resolve("/xrpc/" + nsid));
    request =
        body == null
            ? request.POST(HttpRequest.BodyPublishers.noBody())
            : request
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ChannelJson.write(body)));
    try {
      return xrpc.send(request, bearer);
    } catch (IOException e) {
      throw new TokenUnavailable(
          "bluesky: cannot reach " + xrpc.pds() + " for " + nsid + ": " + e, e);
    }
  }

  private OAuth2RefreshClient.Tokens tokens(BlueskyXrpc.Answer answer) throws TokenUnavailable {
    try {
      JsonNode json = answer.json();
      String access = json.path("accessJwt").asText("");
      String refresh = json.path("refreshJwt").asText("");
      if (access.isEmpty() || refresh.isEmpty()) {
        throw new TokenUnavailable("bluesky: the PDS's session has no accessJwt or refreshJwt");
      }
      Secret accessToken = Secret.of(access);
      long exp = claims(accessToken).path("exp").asLong(0);
      Instant expiresAt =
          exp > 0 ? Instant.ofEpochSecond(exp) : clock.instant().plus(DEFAULT_LIFETIME);
      return new OAuth2RefreshClient.Tokens(accessToken, Secret.of(refresh), expiresAt);
    } catch (IOException e) {
      throw new TokenUnavailable("bluesky: the PDS's session answer is not JSON", e);
    }
  }

  /**
   * The JWT's claims, unverified: the PDS verifies its own tokens; the channel only reads when it
   * expires and whose it is.
   */
  static JsonNode claims(Secret jwt) {
    String[] parts = jwt.reveal().split("\\.");
    if (parts.length < 2) {
      return ChannelJson.MAPPER.createObjectNode();
    }
    try {
      return ChannelJson.parse(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IOException | IllegalArgumentException e) {
      return ChannelJson.MAPPER.createObjectNode();
    }
  }

  private boolean usable(TokenStore.Stored tokens, Secret rejected) {
    if (tokens.accessToken() == null || tokens.accessToken().equals(rejected)) {
      return false;
    }
    return tokens.expiresAt() == null
        || clock.instant().isBefore(tokens.expiresAt().minus(RENEW_BEFORE));
  }
}
