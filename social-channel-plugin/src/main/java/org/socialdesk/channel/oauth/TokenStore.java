package org.socialdesk.channel.oauth;

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
 * The brand's OAuth 2.0 tokens in a network's table of the plugin ({@link TokenOwner#table()}), one
 * row per brand account. Some networks (X) rotate the refresh token on every use, so the newest one
 * must outlive a restart: the one in the configuration is only the seed. The row also keeps a
 * fingerprint of that seed, so that an operator who authorizes the app again and puts a new refresh
 * token in the configuration replaces the stored one.
 *
 * <p>The tokens are stored sealed ({@link TokenSeal}), under a key only the configuration gives.
 *
 * <p>Renewals happen under the row's lock ({@code FOR UPDATE}), so instances sharing a database
 * never spend the same refresh token twice: the second one finds the first one's new tokens.
 */
public final class TokenStore {

  private static final Logger log = LoggerFactory.getLogger(TokenStore.class);

  private final TokenOwner owner;
  private final ChannelJdbc jdbc;
  private final Clock clock;

  public TokenStore(TokenOwner owner, DataSource dataSource, Clock clock) {
    this.owner = owner;
    this.jdbc = new ChannelJdbc(dataSource);
    this.clock = clock;
  }

  /** Tokens as stored; {@code accessToken} may be null, {@code expiresAt} null when unknown. */
  public record Stored(Secret accessToken, Instant expiresAt, Secret refreshToken) {}

  /** What the configuration gives: the refresh token and, optionally, a first access token. */
  public record Seed(String brandUserId, Secret refreshToken, Secret accessToken) {

    /** SHA-256 of the refresh token, which is all the database learns of it. */
    public String fingerprint() {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest(refreshToken.reveal().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java platform", e);
      }
    }
  }

  /** Spends a refresh token at the network's token endpoint. */
  @FunctionalInterface
  public interface Renewal {
    OAuth2RefreshClient.Tokens renew(Secret refreshToken)
        throws TokenUnavailable, InterruptedException;
  }

  /** The seal of this account's stored tokens (see {@link TokenSeal}). */
  private TokenSeal seal(Seed seed) {
    return TokenSeal.forSeed(owner, seed.brandUserId(), seed.refreshToken());
  }

  /**
   * Under the row's lock: the stored tokens if {@code usable} accepts them, else new ones from
   * {@code renewal}, stored before the lock is released. If the network renewed but storing fails,
   * the new tokens are still returned (a rotating network has already invalidated the old refresh
   * token) and the failure is logged: after a restart the operator must authorize again.
   */
  public Stored renewUnlessUsable(Seed seed, Predicate<Stored> usable, Renewal renewal)
      throws TokenUnavailable, InterruptedException {
    insertIfAbsent(seed);
    try (ChannelJdbc.Transaction transaction =
        jdbc.begin(purpose("lock the user token row", seed))) {
      Stored stored = lock(transaction, seed);
      if (usable.test(stored)) {
        transaction.commit();
        return stored;
      }
      OAuth2RefreshClient.Tokens tokens = renewal.renew(stored.refreshToken());
      Stored renewed = new Stored(tokens.accessToken(), tokens.expiresAt(), tokens.refreshToken());
      try {
        write(transaction, seed, renewed);
        transaction.commit();
      } catch (ChannelStorageException e) {
        log.error(
            "{}: renewed the user access token but could not store the new refresh token; it is kept in memory only,"
                + " so after a restart set {} again",
            owner.network(),
            owner.refreshTokenKey(),
            e);
      }
      return renewed;
    }
  }

  /** The stored tokens, or the seed's when the configuration's refresh token changed. */
  private Stored lock(ChannelJdbc.Transaction transaction, Seed seed) throws TokenUnavailable {
    String purpose = purpose("lock the user token row", seed);
    Row row =
        transaction
            .queryOne(
                purpose,
                "select access_token, access_expires_at, refresh_token, seed_fingerprint from "
                    + owner.table()
                    + " where "
                    + owner.accountColumn()
                    + " = ? for update",
                result ->
                    new Row(
                        result.getString("access_token"),
                        ChannelJdbc.instant(result, "access_expires_at"),
                        result.getString("refresh_token"),
                        result.getString("seed_fingerprint")),
                seed.brandUserId())
            .orElseThrow(
                () ->
                    new ChannelStorageException(
                        purpose,
                        new SQLException(
                            owner.table()
                                + " has no row for "
                                + seed.brandUserId()
                                + " although it was just inserted")));
    if (!seed.fingerprint().equals(row.seedFingerprint())) {
      log.info(
          "{}: {} changed; it replaces the stored refresh token",
          owner.network(),
          owner.refreshTokenKey());
      Stored fresh = new Stored(seed.accessToken(), null, seed.refreshToken());
      write(transaction, seed, fresh);
      return fresh;
    }
    TokenSeal seal = seal(seed);
    Stored stored =
        new Stored(
            seal.open("access_token", row.accessToken()),
            row.accessExpiresAt(),
            seal.open("refresh_token", row.refreshToken()));
    if (!row.refreshToken().startsWith(TokenSeal.PREFIX)
        || (row.accessToken() != null && !row.accessToken().startsWith(TokenSeal.PREFIX))) {
      write(transaction, seed, stored); // stored in clear by an earlier version
    }
    return stored;
  }

  /** The token row as stored, sealed. */
  private record Row(
      String accessToken, Instant accessExpiresAt, String refreshToken, String seedFingerprint) {}

  private void insertIfAbsent(Seed seed) {
    TokenSeal seal = seal(seed);
    // A unique violation means another instance inserted the same row at the same moment: it is
    // there, which is all we need.
    jdbc.insertIfAbsent(
        purpose("create the user token row", seed),
        "insert into "
            + owner.table()
            + " ("
            + owner.accountColumn()
            + ", access_token, access_expires_at, refresh_token, seed_fingerprint, updated_at)"
            + " select ?, ?, null, ?, ?, ? where not exists (select 1 from "
            + owner.table()
            + " where "
            + owner.accountColumn()
            + " = ?)",
        seed.brandUserId(),
        seal.seal("access_token", seed.accessToken()),
        seal.seal("refresh_token", seed.refreshToken()),
        seed.fingerprint(),
        clock.instant(),
        seed.brandUserId());
  }

  private void write(ChannelJdbc.Transaction transaction, Seed seed, Stored tokens) {
    TokenSeal seal = seal(seed);
    transaction.update(
        purpose("store the user tokens", seed),
        "update "
            + owner.table()
            + " set access_token = ?, access_expires_at = ?, refresh_token = ?, seed_fingerprint = ?,"
            + " updated_at = ? where "
            + owner.accountColumn()
            + " = ?",
        seal.seal("access_token", tokens.accessToken()),
        tokens.expiresAt(),
        seal.seal("refresh_token", tokens.refreshToken()),
        seed.fingerprint(),
        clock.instant(),
        seed.brandUserId());
  }

  private String purpose(String what, Seed seed) {
    return owner.network() + ": " + what + " of " + seed.brandUserId();
  }
}
