package org.socialdesk.channel.x;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.Secret;

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
  /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final Clock clock;

  XTokenStore(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
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
      throws SQLException, XTokenUnavailable, InterruptedException {
    insertIfAbsent(seed);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Stored stored = lock(connection, seed);
        if (usable.test(stored)) {
          connection.commit();
          return stored;
        }
        XOAuth2Client.Tokens tokens = renewal.renew(stored.refreshToken());
        Stored renewed = new Stored(tokens.accessToken(), tokens.expiresAt(), tokens.refreshToken());
        try {
          write(connection, seed, renewed);
          connection.commit();
        } catch (SQLException e) {
          log.error("x: renewed the user access token but could not store the new refresh token; it is kept in memory only,"
              + " so after a restart set plugins.social-channel.x.oauth2.refresh-token again", e);
        }
        return renewed;
      } finally {
        if (!connection.getAutoCommit()) {
          rollbackQuietly(connection);
        }
      }
    }
  }

  /** The stored tokens, or the seed's when the configuration's refresh token changed. */
  private Stored lock(Connection connection, Seed seed) throws SQLException, XTokenUnavailable {
    try (PreparedStatement select = connection.prepareStatement(
        "select access_token, access_expires_at, refresh_token, seed_fingerprint from x_oauth_token where brand_user_id = ? for update")) {
      select.setString(1, seed.brandUserId());
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new SQLException("x_oauth_token has no row for " + seed.brandUserId() + " although it was just inserted");
        }
        if (!seed.fingerprint().equals(row.getString("seed_fingerprint"))) {
          log.info("x: plugins.social-channel.x.oauth2.refresh-token changed; it replaces the stored refresh token");
          Stored fresh = new Stored(seed.accessToken(), null, seed.refreshToken());
          write(connection, seed, fresh);
          return fresh;
        }
        XTokenSeal seal = seed.seal();
        String access = row.getString("access_token");
        String refresh = row.getString("refresh_token");
        OffsetDateTime expires = row.getObject("access_expires_at", OffsetDateTime.class);
        Stored stored = new Stored(seal.open("access_token", access), expires == null ? null : expires.toInstant(),
            seal.open("refresh_token", refresh));
        if (!refresh.startsWith(XTokenSeal.PREFIX) || (access != null && !access.startsWith(XTokenSeal.PREFIX))) {
          write(connection, seed, stored); // stored in clear by an earlier version
        }
        return stored;
      }
    }
  }

  private void insertIfAbsent(Seed seed) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "insert into x_oauth_token (brand_user_id, access_token, access_expires_at, refresh_token, seed_fingerprint, updated_at)"
                + " select ?, ?, null, ?, ?, ? where not exists (select 1 from x_oauth_token where brand_user_id = ?)")) {
      XTokenSeal seal = seed.seal();
      insert.setString(1, seed.brandUserId());
      insert.setString(2, seal.seal("access_token", seed.accessToken()));
      insert.setString(3, seal.seal("refresh_token", seed.refreshToken()));
      insert.setString(4, seed.fingerprint());
      insert.setObject(5, now());
      insert.setString(6, seed.brandUserId());
      insert.executeUpdate();
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // Another instance inserted the same row at the same moment: it is there, which is all we need.
    }
  }

  private void write(Connection connection, Seed seed, Stored tokens) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "update x_oauth_token set access_token = ?, access_expires_at = ?, refresh_token = ?, seed_fingerprint = ?, updated_at = ?"
            + " where brand_user_id = ?")) {
      XTokenSeal seal = seed.seal();
      update.setString(1, seal.seal("access_token", tokens.accessToken()));
      update.setObject(2, tokens.expiresAt() == null ? null : OffsetDateTime.ofInstant(tokens.expiresAt(), ZoneOffset.UTC));
      update.setString(3, seal.seal("refresh_token", tokens.refreshToken()));
      update.setString(4, seed.fingerprint());
      update.setObject(5, now());
      update.setString(6, seed.brandUserId());
      update.executeUpdate();
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      log.warn("x: rollback of the token row failed: {}", e.toString());
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
