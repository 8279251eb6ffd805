package org.socialdesk.channel.mastodon;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.socialdesk.api.Secret;

/**
 * The Mastodon channel's section, {@code plugins.social-channel.mastodon}. With {@code enabled}
 * false (the default) nothing else is checked.
 *
 * @param enabled {@code enabled}: whether the channel runs; default false
 * @param baseUrl {@code base-url}: the brand's instance, e.g. {@code https://mastodon.social};
 *     required when enabled. Only its scheme, host and port are used
 * @param accessToken {@code access-token}: the brand account's token with the scopes {@code
 *     read:notifications read:statuses write:statuses}; required when enabled
 * @param accountId {@code account-id}: the brand account's id, whose own statuses are skipped;
 *     default looked up once with {@code GET /api/v1/accounts/verify_credentials}
 * @param mode {@code mode}: {@code stream} (the streaming API, with polling as backfill) or {@code
 *     poll} (polling only); default {@code stream}
 * @param pollInterval {@code poll-interval}: how often notifications are polled (in {@code stream}
 *     mode too, as backfill); at least 5s; default 30s
 * @param maxLength {@code max-length}: the instance's status length, {@code
 *     configuration.statuses.max_characters} of {@code /api/v2/instance}; 100 to 100000; default
 *     500
 * @param publicReplyVisibility {@code public-reply-visibility}: how a reply to a public post is
 *     posted, {@code public} or {@code unlisted} (in the thread, off the public timelines); a reply
 *     is never more visible than the post it answers; default {@code public}
 * @param streamingUrl {@code streaming-url}: the streaming server, when it differs from {@code
 *     base-url}; default read from {@code configuration.urls.streaming} of {@code
 *     /api/v2/instance}, else {@code base-url}
 */
public record MastodonConfig(
    Boolean enabled,
    URI baseUrl,
    Secret accessToken,
    String accountId,
    String mode,
    Duration pollInterval,
    Integer maxLength,
    String publicReplyVisibility,
    URI streamingUrl) {

  static final String SECTION = "plugins.social-channel.mastodon.";
  static final String MODE_STREAM = "stream";
  static final String MODE_POLL = "poll";

  private static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(5);
  private static final Set<String> REPLY_VISIBILITIES = Set.of("public", "unlisted");

  public MastodonConfig {
    enabled = enabled != null ? enabled : false;
    mode = mode != null ? mode.trim().toLowerCase(Locale.ROOT) : MODE_STREAM;
    pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(30);
    maxLength = maxLength != null ? maxLength : 500;
    publicReplyVisibility =
        publicReplyVisibility != null
            ? publicReplyVisibility.trim().toLowerCase(Locale.ROOT)
            : "public";
    accountId = accountId != null && !accountId.isBlank() ? accountId.trim() : null;
    if (!mode.equals(MODE_STREAM) && !mode.equals(MODE_POLL)) {
      throw invalid("mode", "must be stream or poll, not " + mode);
    }
    if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) {
      throw invalid(
          "poll-interval",
          "must be at least 5s (Mastodon allows 300 requests per 5 minutes), not " + pollInterval);
    }
    if (maxLength < 100 || maxLength > 100_000) {
      throw invalid("max-length", "must be between 100 and 100000, not " + maxLength);
    }
    if (!REPLY_VISIBILITIES.contains(publicReplyVisibility)) {
      throw invalid(
          "public-reply-visibility", "must be public or unlisted, not " + publicReplyVisibility);
    }
    if (accountId != null && !accountId.matches("[A-Za-z0-9]{1,100}")) {
      throw invalid(
          "account-id", "must be the account's id as the API gives it (e.g. 109302436954721982)");
    }
    baseUrl = baseUrl == null ? null : origin("base-url", baseUrl);
    streamingUrl = streamingUrl == null ? null : origin("streaming-url", streamingUrl);
    if (enabled) {
      if (baseUrl == null) {
        throw invalid(
            "base-url", "is required when the channel is enabled, e.g. https://mastodon.social");
      }
      if (accessToken == null || accessToken.isEmpty()) {
        throw invalid(
            "access-token",
            "is required when the channel is enabled (Preferences > Development > New application)");
      }
    }
  }

  /** The channel off, as when the section is absent. */
  public static MastodonConfig disabled() {
    return new MastodonConfig(null, null, null, null, null, null, null, null, null);
  }

  boolean streams() {
    return mode.equals(MODE_STREAM);
  }

  /** Scheme, host and port only, e.g. {@code https://mastodon.social}. */
  private static URI origin(String key, URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
      throw invalid(
          key, "must be an http(s) URL with a host, e.g. https://mastodon.social, not " + url);
    }
    if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")) {
      throw invalid(key, "must be the instance's address without a path, not " + url);
    }
    return URI.create(
        scheme + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort()));
  }

  private static IllegalArgumentException invalid(String key, String problem) {
    return new IllegalArgumentException(SECTION + key + " " + problem);
  }
}
