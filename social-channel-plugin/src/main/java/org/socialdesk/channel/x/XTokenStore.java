package org.socialdesk.channel.x;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * The brand's OAuth 2.0 tokens in the plugin's table {@code x_oauth_token}, one row per brand
 * account. X rotates the refresh token on every use, so the newest one must outlive a restart:
 * the one in the configuration is only the seed. The row also keeps a fingerprint of that seed,
 * so that an operator who authorizes the app again and puts a new refresh token in the
 * configuration replaces the stored one.
 *
 * <p>The tokens are stored sealed ({@link XTokenSeal}), under a key only the configuration gives.
 *
 * <p>Renewals happen under the row's lock ({@code FOR UPDATE}), so instances sharing a database
 * never spend the same refresh token twice: the second one finds the first one's new tokens.
 */
final class XTokenStore {

  private static final Logger log = LoggerFactory.getLogger(XTokenStore.class);

  private final ChannelJdbc jdbc;
  private final Clock clock;

  XTokenStore(DataSource dataSource, Clock clock) {
    this.jdbc = new ChannelJdbc(dataSource);
    this.clock = clock;
  }

  /** Tokens as stored; {@code accessToken} may be null, {@code expiresAt} null when unknown. */
  record Stored(Secret accessToken, Instant expiresAt, Secret refreshToken) {}

  /** What the configuration gives: the refresh token and, optionally, a first access token. */
  record Seed(String brandUserId, Secret refreshToken, Secret accessToken) {
    /** The seal of this account's stored tokens (see {@link XTokenSeal}). */
    XTokenSeal seal() {
      return XTokenSeal.forSeed(brandUserId, refreshToken);
    }

    String fingerprint() {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(refreshToken.reveal().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java platform", e);
      }
    }
  }

  /** Spends a refresh token at X. */
  @FunctionalInterface
  interface Renewal {
    XOAuth2Client.Tokens renew(Secret refreshToken) throws XTokenUnavailable, InterruptedException;
  }

  /**
   * Under the row's lock: the stored tokens if {@code usable} accepts them, else new ones from
   * {@code renewal}, stored before the lock is released. If X renewed but storing fails, the new
   * tokens are still returned (X has already invalidated the old refresh token) and the failure
   * is logged: after a restart the operator must authorize again.
   */
  Stored renewUnlessUsable(Seed seed, Predicate<Stored> usable, Renewal renewal)
      throws XTokenUnavailable, InterruptedException {
    insertIfAbsent(seed);
    try (ChannelJdbc.Transaction transaction = jdbc.begin("x: lock the user token row of " + seed.brandUserId())) {
      Stored stored = lock(transaction, seed);
      if (usable.test(stored)) {
        transaction.commit();
        return stored;
      }
      XOAuth2Client.Tokens tokens = renewal.renew(stored.refreshToken());
      Stored renewed = new Stored(tokens.accessToken(), tokens.expiresAt(), tokens.refreshToken());
      try {
        write(transaction, seed, renewed);
        transaction.commit();
      } catch (ChannelStorageException e) {
        log.error("x: renewed the user access token but could not store the new refresh token; it is kept in memory only,"
            + " so after a restart set plugins.social-channel.x.oauth2.refresh-token again", e);
      }
      return renewed;
    }
  }

  /** The stored tokens, or the seed's when the configuration's refresh token changed. */
  private Stored lock(ChannelJdbc.Transaction transaction, Seed seed) throws XTokenUnavailable {
    String purpose = "x: lock the user token row of " + seed.brandUserId();
    Row row = transaction.queryOne(purpose,
            "select access_token, access_expires_at, refresh_token, seed_fingerprint from x_oauth_token where brand_user_id = ? for update",
            result -> new Row(result.getString("access_token"), ChannelJdbc.instant(result, "access_expires_at"),
                result.getString("refresh_token"), result.getString("seed_fingerprint")),
            seed.brandUserId())
        .orElseThrow(() -> new ChannelStorageException(purpose,
            new SQLException("x_oauth_token has no row for " + seed.brandUserId() + " although it was just inserted")));
    if (!seed.fingerprint().equals(row.seedFingerprint())) {
      log.info("x: plugins.social-channel.x.oauth2.refresh-token changed; it replaces the stored refresh token");
      Stored fresh = new Stored(seed.accessToken(), null, seed.refreshToken());
      write(transaction, seed, fresh);
      return fresh;
    }
    XTokenSeal seal = seed.seal();
    Stored stored = new Stored(seal.open("access_token", row.accessToken()), row.accessExpiresAt(),
        seal.open("refresh_token", row.refreshToken()));
    if (!row.refreshToken().startsWith(XTokenSeal.PREFIX)
        || (row.accessToken() != null && !row.accessToken().startsWith(XTokenSeal.PREFIX))) {
      write(transaction, seed, stored); // stored in clear by an earlier version
    }
    return stored;
  }

  /** The token row as stored, sealed. */
  private record Row(String accessToken, Instant accessExpiresAt, String refreshToken, String seedFingerprint) {}

  private void insertIfAbsent(Seed seed) {
    XTokenSeal seal = seed.seal();
    // A unique violation means another instance inserted the same row at the same moment: it is there, which is all we need.
    jdbc.insertIfAbsent("x: create the user token row of " + seed.brandUserId(),
        "insert into x_oauth_token (brand_user_id, access_token, access_expires_at, refresh_token, seed_fingerprint, updated_at)"
            + " select ?, ?, null, ?, ?, ? where not exists (select 1 from x_oauth_token where brand_user_id = ?)",
        seed.brandUserId(), seal.seal("access_token", seed.accessToken()), seal.seal("refresh_token", seed.refreshToken()),
        seed.fingerprint(), clock.instant(), seed.brandUserId());
  }

  private void write(ChannelJdbc.Transaction transaction, Seed seed, Stored tokens) {
    XTokenSeal seal = seed.seal();
    transaction.update("x: store the user tokens of " + seed.brandUserId(),
        "update x_oauth_token set access_token = ?, access_expires_at = ?, refresh_token = ?, seed_fingerprint = ?, updated_at = ?"
            + " where brand_user_id = ?",
        seal.seal("access_token", tokens.accessToken()), tokens.expiresAt(), seal.seal("refresh_token", tokens.refreshToken()),
        seed.fingerprint(), clock.instant(), seed.brandUserId());
  }
}
