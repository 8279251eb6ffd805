package org.socialdesk.host.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.socialdesk.api.Secret;

/**
 * Request Tracker 5.
 *
 * @param url RT's base URL (the web root, without {@code /REST/2.0}), e.g. {@code
 *     http://127.0.0.1:8095}
 * @param token the service user's auth token ({@code 1-<uid>-<hex>}); create it with a low bcrypt
 *     cost (docs/admin/rt-setup.md), since RT checks it on every call
 * @param queue the social queue; default {@code Social}
 * @param serviceUser the service user's name, whose own transactions are never read back as agent
 *     replies; default {@code socialdesk}
 * @param pollInterval how often agents' replies are polled; default 2s
 * @param maxConcurrentCalls calls in flight to RT at once; default 4 (SQLite allows one writer)
 * @param tagQueues queues whose new tickets, made by e-mail or the web form rather than by
 *     Socialdesk, are announced to plugins so that they can tag them (the sentiment plugin's {@code
 *     tag-other-tickets}); {@code socialdesk rt provision} gives each of them the tag fields;
 *     default none
 */
public record RtConfig(
    URI url,
    Secret token,
    String queue,
    String serviceUser,
    Duration pollInterval,
    Integer maxConcurrentCalls,
    List<String> tagQueues) {

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
    tagQueues = tagQueues != null ? List.copyOf(tagQueues) : List.of();
    if (tagQueues.contains(queue)) {
      throw new IllegalArgumentException(
          "helpdesk.rt.tag-queues must not name the social queue "
              + queue
              + ": its tickets are tagged anyway");
    }
  }
}
