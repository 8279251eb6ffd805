package org.socialdesk.host.config;

import org.socialdesk.api.Secret;

/**
 * The host's database, shared with plugins.
 *
 * @param url JDBC URL; default an H2 file database under {@code ./data}; {@code
 *     jdbc:postgresql://...} for production and for several instances
 * @param username database user; default {@code sa} for H2
 * @param password database password; default empty
 * @param poolSize maximum pooled connections; default 10
 */
public record DatabaseConfig(String url, String username, Secret password, Integer poolSize) {

  public static final String DEFAULT_URL = "jdbc:h2:file:./data/socialdesk";

  static final DatabaseConfig DEFAULTS = new DatabaseConfig(null, null, null, null);

  public DatabaseConfig {
    url = url != null ? url : DEFAULT_URL;
    username = username != null ? username : "sa";
    password = password != null ? password : Secret.of("");
    poolSize = poolSize != null ? poolSize : 10;
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "database.url must be a jdbc:h2: or jdbc:postgresql: URL, got " + url);
    }
    if (poolSize < 2) {
      throw new IllegalArgumentException("database.pool-size must be at least 2");
    }
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }
}
