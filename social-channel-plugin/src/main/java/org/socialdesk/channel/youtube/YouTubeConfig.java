package org.socialdesk.channel.youtube;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.oauth.TokenOwner;

/**
 * The YouTube channel's section, {@code plugins.social-channel.youtube}. When enabled, {@code
 * channel-id} and {@code oauth2} are required; every other key is optional and takes the default
 * named here.
 *
 * @param enabled {@code enabled}: whether the YouTube channel runs; default false
 * @param baseUrl {@code base-url}: the YouTube Data API's root (the API is under {@code
 *     /youtube/v3}); default {@code https://youtube.googleapis.com}
 * @param channelId {@code channel-id}: the brand's channel id ({@code UC} and 22 more characters,
 *     not its handle); its comments on its own videos are never taken as customers'
 * @param oauth2 {@code oauth2}: the Google Cloud OAuth client and the brand's refresh token
 * @param pollInterval {@code poll-interval}: the shortest time between two polls; the quota budget
 *     stretches it when the day's units would not last until the reset; default 60s
 * @param backfill {@code backfill}: on the very first poll, how far back comments are read; default
 *     1h
 * @param maxResults {@code max-results}: page size of the lists, 1 to 100; default 100
 * @param watch {@code watch}: how long the replies of a thread the brand answered are read after
 *     the brand's last reply in it; default 7d
 * @param maxReplyLength {@code max-reply-length}: the longest reply, in characters (code points);
 *     default 10000
 * @param quota {@code quota}: the project's daily units and how many are kept for replies
 * @param moderation {@code moderation}: whether comments YouTube marks as likely spam are held for
 *     review; off by default
 */
public record YouTubeConfig(
    Boolean enabled,
    URI baseUrl,
    String channelId,
    OAuth2 oauth2,
    Duration pollInterval,
    Duration backfill,
    Integer maxResults,
    Duration watch,
    Integer maxReplyLength,
    Quota quota,
    Moderation moderation) {

  static final String KEY = "plugins.social-channel.youtube";

  /** Where the brand's renewed tokens are kept (changeset channel-youtube-1). */
  static final TokenOwner TOKEN_OWNER =
      new TokenOwner("youtube", "youtube_oauth_token", "channel_id", KEY + ".oauth2");

  /**
   * Google's access tokens live one hour ({@code expires_in: 3599}); used when an answer names
   * none.
   */
  static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

  private static final Pattern CHANNEL_ID = Pattern.compile("UC[0-9A-Za-z_-]{22}");

  public YouTubeConfig {
    enabled = enabled != null ? enabled : false;
    baseUrl = baseUrl != null ? baseUrl : URI.create("https://youtube.googleapis.com");
    channelId = channelId == null || channelId.isBlank() ? null : channelId.strip();
    pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(60);
    backfill = backfill != null ? backfill : Duration.ofHours(1);
    maxResults = maxResults != null ? maxResults : 100;
    watch = watch != null ? watch : Duration.ofDays(7);
    maxReplyLength = maxReplyLength != null ? maxReplyLength : 10_000;
    quota = quota != null ? quota : new Quota(null, null);
    moderation = moderation != null ? moderation : new Moderation(null);
    requireHttp(baseUrl, KEY + ".base-url", "https://youtube.googleapis.com");
    if (channelId != null && !CHANNEL_ID.matcher(channelId).matches()) {
      throw new IllegalArgumentException(
          KEY
              + ".channel-id must be the channel's id (UC and 22 letters, digits, - or _),"
              + " not its handle or URL: "
              + channelId);
    }
    requirePositive(pollInterval, KEY + ".poll-interval");
    if (backfill.isNegative()) {
      throw new IllegalArgumentException(KEY + ".backfill must not be negative: " + backfill);
    }
    requirePositive(watch, KEY + ".watch");
    if (maxResults < 1 || maxResults > 100) {
      throw new IllegalArgumentException(
          KEY + ".max-results must be from 1 to 100 (YouTube's page sizes), not " + maxResults);
    }
    if (maxReplyLength < 1 || maxReplyLength > 10_000) {
      throw new IllegalArgumentException(
          KEY + ".max-reply-length must be from 1 to 10000, not " + maxReplyLength);
    }
    if (enabled && channelId == null) {
      throw new IllegalArgumentException(
          KEY + ".channel-id is required when " + KEY + ".enabled is true");
    }
    if (enabled && oauth2 == null) {
      throw new IllegalArgumentException(
          KEY
              + ".oauth2 (client-id, client-secret, refresh-token) is required when "
              + KEY
              + ".enabled is true");
    }
  }

  /** Every key at its default (the channel disabled). */
  public static YouTubeConfig disabled() {
    return new YouTubeConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * The Google Cloud project's OAuth client and the brand's refresh token (scope {@code
   * https://www.googleapis.com/auth/youtube.force-ssl}). Google does not rotate refresh tokens; the
   * channel keeps the current access token sealed in {@code youtube_oauth_token}.
   *
   * @param clientId {@code client-id}: the OAuth client's id; required
   * @param clientSecret {@code client-secret}: the OAuth client's secret (sent as HTTP Basic); none
   *     for a public client
   * @param refreshToken {@code refresh-token}: the brand account's refresh token; required
   * @param tokenUrl {@code token-url}: Google's token endpoint; default {@code
   *     https://oauth2.googleapis.com/token}
   */
  public record OAuth2(String clientId, Secret clientSecret, Secret refreshToken, URI tokenUrl) {
    public OAuth2 {
      clientId = clientId == null || clientId.isBlank() ? null : clientId.strip();
      clientSecret = clientSecret == null || clientSecret.isEmpty() ? null : clientSecret;
      refreshToken = refreshToken == null || refreshToken.isEmpty() ? null : refreshToken;
      tokenUrl = tokenUrl != null ? tokenUrl : URI.create("https://oauth2.googleapis.com/token");
      if (clientId == null) {
        throw new IllegalArgumentException(
            KEY + ".oauth2.client-id is required with " + KEY + ".oauth2");
      }
      if (refreshToken == null) {
        throw new IllegalArgumentException(
            KEY + ".oauth2.refresh-token is required with " + KEY + ".oauth2");
      }
      requireHttp(tokenUrl, KEY + ".oauth2.token-url", "https://oauth2.googleapis.com/token");
    }
  }

  /**
   * The project's YouTube Data API quota. A list costs 1 unit, a reply (comments.insert) and a
   * moderation (setModerationStatus) 50; the day ends at midnight Pacific time.
   *
   * @param dailyUnits {@code daily-units}: the project's daily quota, as granted in the Google
   *     Cloud console; default 10000
   * @param replyReserve {@code reply-reserve}: units polls never spend, so that replies are never
   *     starved; default a quarter of {@code daily-units} (50 replies of a 10,000-unit day)
   */
  public record Quota(Integer dailyUnits, Integer replyReserve) {
    public Quota {
      dailyUnits = dailyUnits != null ? dailyUnits : 10_000;
      if (dailyUnits < 100 || dailyUnits > 100_000_000) {
        throw new IllegalArgumentException(
            KEY + ".quota.daily-units must be from 100 to 100000000, not " + dailyUnits);
      }
      replyReserve = replyReserve != null ? replyReserve : dailyUnits / 4;
      if (replyReserve < YouTubeQuota.INSERT_COST
          || replyReserve > dailyUnits - YouTubeQuota.LIST_COST) {
        throw new IllegalArgumentException(
            KEY
                + ".quota.reply-reserve must leave room for one reply (50 units) and one list"
                + " (1 unit) of "
                + dailyUnits
                + ", not "
                + replyReserve);
      }
    }
  }

  /**
   * @param holdLikelySpam {@code hold-likely-spam}: comments YouTube lists as likely spam are set
   *     to {@code heldForReview} (never deleted nor rejected) and taken in with a note; default
   *     false
   */
  public record Moderation(Boolean holdLikelySpam) {
    public Moderation {
      holdLikelySpam = holdLikelySpam != null ? holdLikelySpam : false;
    }
  }

  private static void requireHttp(URI url, String key, String example) {
    if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          key + " must be an http(s) URL such as " + example + ", not " + url);
    }
  }

  private static void requirePositive(Duration value, String key) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be longer than zero, not " + value);
    }
  }
}
