package org.socialdesk.host.config;

import java.time.Duration;
import org.socialdesk.api.Secret;

/**
 * The embedded HTTP server.
 *
 * @param host address to listen on; default {@code 127.0.0.1} (loopback only)
 * @param port TCP port; default 8080, 0 picks a free one
 * @param adminToken the bearer token every non-public endpoint requires; if unset, one is generated
 *     on first start and kept in {@code <data>/admin-token}
 * @param shutdownTimeout how long requests in flight may take to finish on SIGTERM; default 10s
 */
public record ServerConfig(String host, Integer port, Secret adminToken, Duration shutdownTimeout) {

  static final ServerConfig DEFAULTS = new ServerConfig(null, null, null, null);

  public ServerConfig {
    host = host != null ? host : "127.0.0.1";
    port = port != null ? port : 8080;
    shutdownTimeout = shutdownTimeout != null ? shutdownTimeout : Duration.ofSeconds(10);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("server.port must be within 0..65535, got " + port);
    }
  }
}
