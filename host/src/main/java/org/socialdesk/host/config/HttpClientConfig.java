package org.socialdesk.host.config;

import java.time.Duration;

/**
 * Outbound HTTP.
 *
 * @param connectTimeout default 5s
 * @param requestTimeout default 30s
 */
public record HttpClientConfig(Duration connectTimeout, Duration requestTimeout) {

  static final HttpClientConfig DEFAULTS = new HttpClientConfig(null, null);

  public HttpClientConfig {
    connectTimeout = connectTimeout != null ? connectTimeout : Duration.ofSeconds(5);
    requestTimeout = requestTimeout != null ? requestTimeout : Duration.ofSeconds(30);
  }
}
