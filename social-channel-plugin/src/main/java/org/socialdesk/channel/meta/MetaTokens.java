package org.socialdesk.channel.meta;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * The long-lived Page and Instagram tokens, in {@code meta_token}: sealed at rest ({@link
 * MetaTokenSeal}), with the fingerprint of the configured token and, once Graph answered 190 (the
 * token expired or was revoked), the reason. A revoked token stays revoked across restarts and
 * instances until the admin configures a new one, so that no call is made with a dead token and the
 * error stays visible ({@code socialdesk check}, the log, the reply notes) until it is fixed.
 */
final class MetaTokens {

  private final ChannelJdbc jdbc;
  private final Clock clock;
  private final MetaTokenSeal seal;

  MetaTokens(DataSource dataSource, Clock clock, MetaTokenSeal seal) {
    this.jdbc = new ChannelJdbc(dataSource);
    this.clock = clock;
    this.seal = seal;
  }

  /**
   * Stores the configured token of {@code accountId}; a token other than the stored one replaces it
   * and clears its revocation.
   */
  void configure(String accountId, String kind, Secret configured) {
    String fingerprint = fingerprint(configured);
    Optional<String> stored =
        jdbc.queryOne(
            "read the Meta token fingerprint of " + accountId,
            "select fingerprint from meta_token where account_id = ?",
            row -> row.getString(1),
            accountId);
    if (stored.isPresent() && stored.get().equals(fingerprint)) {
      return;
    }
    String sealed = seal.seal(accountId, configured);
    if (stored.isPresent()) {
      jdbc.update(
          "replace the Meta token of " + accountId,
          "update meta_token set kind = ?, token = ?, fingerprint = ?, revoked_reason = null, revoked_at = null, updated_at = ? where account_id = ?",
          kind,
          sealed,
          fingerprint,
          clock.instant(),
          accountId);
    } else if (!jdbc.insertIfAbsent(
        "store the Meta token of " + accountId,
        "insert into meta_token (account_id, kind, token, fingerprint, updated_at) values (?, ?, ?, ?, ?)",
        accountId,
        kind,
        sealed,
        fingerprint,
        clock.instant())) {
      configure(accountId, kind, configured);
    }
  }

  /** The token to call Graph with for {@code accountId}. */
  Secret current(String accountId) throws MetaGraphException {
    record Row(String token, String revokedReason, java.time.Instant revokedAt) {}
    Row row =
        jdbc.queryOne(
                "read the Meta token of " + accountId,
                "select token, revoked_reason, revoked_at from meta_token where account_id = ?",
                r -> new Row(r.getString(1), r.getString(2), ChannelJdbc.instant(r, "revoked_at")),
                accountId)
            .orElseThrow(() -> invalid(accountId, "no token is stored for it"));
    if (row.revokedReason() != null) {
      throw invalid(
          accountId,
          "Graph refused its token at " + row.revokedAt() + " (" + row.revokedReason() + ")");
    }
    return seal.open(accountId, row.token())
        .orElseThrow(
            () ->
                invalid(
                    accountId, "the stored token does not open with the configured app secret"));
  }

  /** Graph said the token is expired or revoked: no call uses it until a new one is configured. */
  void revoke(String accountId, String reason) {
    jdbc.update(
        "mark the Meta token of " + accountId + " revoked",
        "update meta_token set revoked_reason = ?, revoked_at = ? where account_id = ? and revoked_reason is null",
        reason.length() > 1900 ? reason.substring(0, 1900) : reason,
        clock.instant(),
        accountId);
  }

  /** One line per revoked token, for {@code socialdesk check}. */
  List<String> problems() {
    return jdbc.queryList(
        "list revoked Meta tokens",
        "select account_id, kind, revoked_reason, revoked_at from meta_token where revoked_reason is not null",
        row ->
            "meta: the "
                + row.getString(2)
                + " token of "
                + row.getString(1)
                + " was refused by Graph at "
                + ChannelJdbc.instant(row, "revoked_at")
                + " ("
                + row.getString(3)
                + "); replies and polls wait until a new token is configured");
  }

  private static MetaGraphException invalid(String accountId, String why) {
    return new MetaGraphException(
        MetaGraphException.Kind.TOKEN_INVALID,
        190,
        null,
        "meta: no usable token for "
            + accountId
            + ": "
            + why
            + "; set a new long-lived token in plugins.social-channel.meta (page-access-token or instagram-access-token)");
  }

  static String fingerprint(Secret token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(token.reveal().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
