package org.socialdesk.channel.line;

import java.net.URI;
import java.time.Duration;
import org.socialdesk.api.Secret;

/**
 * The LINE channel's section, {@code plugins.social-channel.line}. {@code channel-secret} and
 * {@code channel-access-token} are required when enabled; every other key has the default named
 * here.
 *
 * @param enabled {@code enabled}: whether the LINE channel runs; default false
 * @param channelSecret {@code channel-secret}: the Messaging API channel's secret (LINE Developers
 *     console, Basic settings); the key of the {@code x-line-signature} HMAC, and the root of the
 *     keys that sign content links and seal reply tokens at rest
 * @param channelAccessToken {@code channel-access-token}: a long-lived channel access token
 *     (Messaging API tab), sent as {@code Authorization: Bearer}; it stays in the configuration and
 *     never goes into the database
 * @param apiBaseUrl {@code api-base-url}: the Messaging API's root; default {@code
 *     https://api.line.me}; tests point it at an emulator
 * @param dataBaseUrl {@code data-base-url}: the root of content downloads; default {@code
 *     https://api-data.line.me}
 * @param publicUrl {@code public-url}: how agents reach Socialdesk (scheme, host, port), for the
 *     links to customers' images and files; default none, giving links relative to Socialdesk
 *     ({@code /api/channels/line/content/...})
 * @param replyTokenTtl {@code reply-token-ttl}: how long after the customer's message its reply
 *     token is used; older, a reply is pushed. Default 30s (LINE answers "Invalid reply token" to
 *     some tokens after about 30 s although its docs once said a minute)
 * @param quoteCustomerMessage {@code quote-customer-message}: whether a reply quotes the customer's
 *     message (its {@code quoteToken}); default true
 * @param contentLinkTtl {@code content-link-ttl}: how long a link to a customer's image or file
 *     works; default 14d
 * @param profileCacheTtl {@code profile-cache-ttl}: how long a fetched display name and language
 *     are reused before the profile API is asked again; default 1d
 */
public record LineConfig(
    Boolean enabled,
    Secret channelSecret,
    Secret channelAccessToken,
    URI apiBaseUrl,
    URI dataBaseUrl,
    URI publicUrl,
    Duration replyTokenTtl,
    Boolean quoteCustomerMessage,
    Duration contentLinkTtl,
    Duration profileCacheTtl) {

  private static final String KEY = "plugins.social-channel.line.";

  public LineConfig {
    enabled = enabled != null ? enabled : false;
    channelSecret = channelSecret == null || channelSecret.isEmpty() ? null : channelSecret;
    channelAccessToken =
        channelAccessToken == null || channelAccessToken.isEmpty() ? null : channelAccessToken;
    apiBaseUrl =
        httpUrl(
            apiBaseUrl != null ? apiBaseUrl : URI.create("https://api.line.me"), "api-base-url");
    dataBaseUrl =
        httpUrl(
            dataBaseUrl != null ? dataBaseUrl : URI.create("https://api-data.line.me"),
            "data-base-url");
    publicUrl = publicUrl == null ? null : httpUrl(publicUrl, "public-url");
    replyTokenTtl = replyTokenTtl != null ? replyTokenTtl : Duration.ofSeconds(30);
    quoteCustomerMessage = quoteCustomerMessage != null ? quoteCustomerMessage : true;
    contentLinkTtl = contentLinkTtl != null ? contentLinkTtl : Duration.ofDays(14);
    profileCacheTtl = profileCacheTtl != null ? profileCacheTtl : Duration.ofDays(1);
    if (replyTokenTtl.isNegative() || replyTokenTtl.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException(
          KEY + "reply-token-ttl must be from 0s (always push) to 60s, not " + replyTokenTtl);
    }
    requirePositive(contentLinkTtl, "content-link-ttl");
    requirePositive(profileCacheTtl, "profile-cache-ttl");
    if (enabled && channelSecret == null) {
      throw new IllegalArgumentException(
          KEY + "channel-secret is required when " + KEY + "enabled is true");
    }
    if (enabled && channelAccessToken == null) {
      throw new IllegalArgumentException(
          KEY + "channel-access-token is required when " + KEY + "enabled is true");
    }
  }

  /** Every key at its default (the channel disabled). */
  public static LineConfig disabled() {
    return new LineConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /** The Messaging API URL of {@code path} (which starts with '/'). */
  URI api(String path) {
    return join(apiBaseUrl, path);
  }

  /** The content-download URL of {@code path}. */
  URI data(String path) {
    return join(dataBaseUrl, path);
  }

  /** {@code path} on Socialdesk as agents reach it: under {@code public-url}, else relative. */
  String publicLink(String pathAndQuery) {
    return publicUrl == null ? pathAndQuery : strip(publicUrl.toString()) + pathAndQuery;
  }

  private static URI join(URI base, String path) {
    return URI.create(strip(base.toString()) + path);
  }

  private static String strip(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private static URI httpUrl(URI url, String key) {
    if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          KEY + key + " must be an http(s) URL such as https://api.line.me, not " + url);
    }
    return url;
  }

  private static void requirePositive(Duration value, String key) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(KEY + key + " must be longer than zero, not " + value);
    }
  }
}
