package org.socialdesk.channel.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.Secret;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * The brand's user access token, renewed by the channel with OAuth 2.0 refresh tokens: before it
 * expires ({@link #RENEW_BEFORE} ahead, since a call may take a while), and when the network
 * answers 401 (revoked early, or a first token whose age is unknown). One renewal at a time: a lock
 * in this instance, and the row's lock in {@link TokenStore} between instances. After a failed
 * renewal the next attempt waits {@link #RETRY_AFTER_FAILURE}, so that pollers do not hammer the
 * token endpoint with a refresh token the network has refused.
 */
public final class RefreshingToken implements BearerToken {

  public static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
  public static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

  /** A token the network refuses right after it was issued will not be cured by yet another one. */
  static final Duration TOO_FRESH_TO_RENEW = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(RefreshingToken.class);

  private final TokenOwner owner;
  private final TokenStore store;
  private final TokenStore.Seed seed;
  private final OAuth2RefreshClient client;
  private final Clock clock;

  /**
   * Virtual threads call this: a ReentrantLock, not synchronized, so a renewal does not pin a
   * carrier.
   */
  private final ReentrantLock renewal = new ReentrantLock();

  private volatile TokenStore.Stored held;

  /**
   * The access token this instance last got, and when: a token the network refuses at once is not
   * renewed again.
   */
  private volatile Issued issued;

  private volatile Failure failure;

  public RefreshingToken(
      TokenOwner owner,
      TokenStore store,
      TokenStore.Seed seed,
      OAuth2RefreshClient client,
      Clock clock) {
    this.owner = owner;
    this.store = store;
    this.seed = seed;
    this.client = client;
    this.clock = clock;
  }

  private record Issued(Secret accessToken, Instant at) {}

  private record Failure(String message, Instant retryAt) {}

  @Override
  public Secret current() throws TokenUnavailable {
    TokenStore.Stored now = held;
    if (now != null && usable(now, null)) {
      return now.accessToken();
    }
    return renew(null);
  }

  @Override
  public boolean renewAfterRejection(Secret rejected) throws TokenUnavailable {
    TokenStore.Stored now = held;
    if (now != null && !rejected.equals(now.accessToken())) {
      return true;
    }
    Issued last = issued;
    if (last != null
        && rejected.equals(last.accessToken())
        && last.at().plus(TOO_FRESH_TO_RENEW).isAfter(clock.instant())) {
      log.error(
          "{}: the network refused (401) a user access token it issued less than a minute ago; check the app's permissions"
              + " and {}",
          owner.network(),
          owner.settingsKey());
      return false;
    }
    log.info("{}: the network refused the user access token (401); renewing it", owner.network());
    renew(rejected);
    return true;
  }

  private Secret renew(Secret rejected) throws TokenUnavailable {
    renewal.lock();
    try {
      Failure failed = failure;
      if (failed != null && clock.instant().isBefore(failed.retryAt())) {
        throw new TokenUnavailable(
            failed.message() + " (next attempt at " + failed.retryAt() + ")");
      }
      return renewNow(rejected);
    } finally {
      renewal.unlock();
    }
  }

  private Secret renewNow(Secret rejected) throws TokenUnavailable {
    try {
      TokenStore.Stored tokens =
          store.renewUnlessUsable(seed, stored -> usable(stored, rejected), this::exchange);
      held = tokens;
      failure = null;
      return tokens.accessToken();
    } catch (TokenUnavailable e) {
      failure = new Failure(e.getMessage(), clock.instant().plus(RETRY_AFTER_FAILURE));
      log.error("{}", UntrustedText.forLog(e.getMessage()));
      throw e;
    } catch (ChannelStorageException e) {
      failure =
          new Failure(
              owner.network() + ": cannot read or lock the stored user token: " + e,
              clock.instant().plus(RETRY_AFTER_FAILURE));
      throw new TokenUnavailable(failure.message(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenUnavailable(
          owner.network() + ": interrupted while renewing the user access token", e);
    }
  }

  private OAuth2RefreshClient.Tokens exchange(Secret refreshToken)
      throws TokenUnavailable, InterruptedException {
    OAuth2RefreshClient.Tokens tokens = client.refresh(refreshToken);
    issued = new Issued(tokens.accessToken(), clock.instant());
    log.info(
        "{}: renewed the user access token; it expires at {}", owner.network(), tokens.expiresAt());
    return tokens;
  }

  /**
   * An access token that is not the rejected one and not about to expire (unknown expiry: until the
   * network refuses it).
   */
  private boolean usable(TokenStore.Stored tokens, Secret rejected) {
    if (tokens.accessToken() == null || tokens.accessToken().equals(rejected)) {
      return false;
    }
    return tokens.expiresAt() == null
        || clock.instant().isBefore(tokens.expiresAt().minus(RENEW_BEFORE));
  }
}
