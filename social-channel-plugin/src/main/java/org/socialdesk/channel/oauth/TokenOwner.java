package org.socialdesk.channel.oauth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whose OAuth 2.0 tokens a {@link TokenStore} keeps, and where: one network's table of the plugin's
 * changelog, with one row per brand account. The names go into SQL, so they are checked here and
 * come from code, never from configuration.
 *
 * @param network the network's name, for logs and messages ({@code x}, {@code youtube})
 * @param table the table of the tokens, e.g. {@code x_oauth_token}; its columns are the account
 *     key, {@code access_token}, {@code access_expires_at}, {@code refresh_token}, {@code
 *     seed_fingerprint} and {@code updated_at}
 * @param accountColumn the table's key column, e.g. {@code brand_user_id}
 * @param settingsKey the configuration section an operator fixes when the tokens cannot be used,
 *     e.g. {@code plugins.social-channel.x.oauth2}
 */
public record TokenOwner(String network, String table, String accountColumn, String settingsKey) {

  private static final Pattern SQL_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  public TokenOwner {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(settingsKey, "settingsKey");
    for (String name : new String[] {table, accountColumn}) {
      if (name == null || !SQL_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("not a table or column name: " + name);
      }
    }
  }

  /** Where the operator puts a new refresh token. */
  String refreshTokenKey() {
    return settingsKey + ".refresh-token";
  }
}
