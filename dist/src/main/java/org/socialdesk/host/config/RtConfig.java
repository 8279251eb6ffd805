package org.socialdesk.host.config;

import java.net.URI;
import java.time.Duration;
import org.socialdesk.api.Secret;

/**
 * Request Tracker 5.
 *
 * @param url RT's base URL (the web root, without {@code /REST/2.0}), e.g. {@code
 *     http://127.0.0.1:8095}
 * @param token the service user's auth token ({@code 1-<uid>-<hex>}); create it with a low
 *     bcrypt cost (docs/admin/rt-setup.md), since RT checks it on every call
 * @param queue the social queue; default {@code Social}
 * @param serviceUser the service user's name, whose own transactions are never read back as
 *     agent replies; default {@code socialdesk}
 * @param pollInterval how often agents' replies are polled; default 2s
 * @param maxConcurrentCalls calls in flight to RT at once; default 4 (SQLite allows one writer)
 */
public record RtConfig(
    URI url,
    Secret token,
    String queue,
    String serviceUser,
    Duration pollInterval,
    Integer maxConcurrentCalls) {

  public RtConfig {
    if (url == null) {
      throw new IllegalArgumentException("helpdesk.rt.url is required");
    }
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("helpdesk.rt.token is required");
    }
    queue = queue != null ? queue : "Social";
    serviceUser = serviceUser != null ? serviceUser : "socialdesk";
    pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(2);
    maxConcurrentCalls = maxConcurrentCalls != null ? maxConcurrentCalls : 4;
  }
}
