package org.socialdesk.channel.meta;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.socialdesk.api.Secret;

/**
 * The Meta channel's section, {@code plugins.social-channel.meta}: one Facebook Page, optionally
 * with the Instagram professional account linked to it, reached through one Meta app.
 *
 * @param enabled {@code enabled}: whether the channel runs; default false
 * @param graphBaseUrl {@code graph-base-url}: the Graph API's root; default {@code
 *     https://graph.facebook.com}
 * @param graphVersion {@code graph-version}: the Graph API version in every path, {@code vNN.N};
 *     default {@code v21.0}
 * @param appSecret {@code app-secret}: the Meta app's secret; the key of the webhook signatures
 *     ({@code X-Hub-Signature-256}) and of {@code appsecret_proof}; required when enabled
 * @param verifyToken {@code verify-token}: the token typed into the app's webhook settings, which
 *     Meta sends back in the GET verification; required when {@code webhook} is on
 * @param pageId {@code page-id}: the Facebook Page's numeric id; required when enabled
 * @param pageAccessToken {@code page-access-token}: a long-lived Page access token; required when
 *     enabled. Kept sealed in {@code meta_token}.
 * @param instagramAccountId {@code instagram-account-id}: the Instagram professional account linked
 *     to the Page (its IG user id); default none (no Instagram)
 * @param instagramAccessToken {@code instagram-access-token}: the token for the Instagram account;
 *     default the Page access token (Instagram API with Facebook Login)
 * @param webhook {@code webhook}: mount the webhook at {@code /api/channels/meta/webhook}; default
 *     true
 * @param humanAgentTag {@code human-agent-tag}: whether the app has the Human Agent permission, so
 *     that private replies may be sent up to 7 days after the customer's last message with the
 *     {@code HUMAN_AGENT} tag; default false (24 hours)
 * @param pollInterval {@code poll-interval}: how often the backfill reads comments and
 *     conversations; default 5m; {@code 0s} turns polling off
 * @param backfill {@code backfill}: how far back the first poll (no cursor yet) reads; default 1h
 * @param hideSpam {@code hide-spam}: hide comments the enrichers tag as spam on the network (never
 *     delete them); default false
 * @param usageThreshold {@code usage-threshold}: the percentage of Meta's usage headers at which
 *     the channel pauses its calls; default 90
 * @param throttlePause {@code throttle-pause}: how long calls pause after a Graph throttling error
 *     that does not say how long; default 5m
 */
public record MetaConfig(
    Boolean enabled,
    URI graphBaseUrl,
    String graphVersion,
    Secret appSecret,
    Secret verifyToken,
    String pageId,
    Secret pageAccessToken,
    String instagramAccountId,
    Secret instagramAccessToken,
    Boolean webhook,
    Boolean humanAgentTag,
    Duration pollInterval,
    Duration backfill,
    Boolean hideSpam,
    Integer usageThreshold,
    Duration throttlePause) {

  private static final String KEY = "plugins.social-channel.meta.";
  private static final Pattern ID = Pattern.compile("[0-9]{1,30}");
  private static final Pattern VERSION = Pattern.compile("v[0-9]{1,3}\\.[0-9]{1,2}");

  public MetaConfig {
    enabled = enabled != null ? enabled : false;
    graphBaseUrl = graphBaseUrl != null ? graphBaseUrl : URI.create("https://graph.facebook.com");
    graphVersion = graphVersion != null ? graphVersion.strip() : "v21.0";
    appSecret = emptyToNull(appSecret);
    verifyToken = emptyToNull(verifyToken);
    pageId = blankToNull(pageId);
    pageAccessToken = emptyToNull(pageAccessToken);
    instagramAccountId = blankToNull(instagramAccountId);
    instagramAccessToken = emptyToNull(instagramAccessToken);
    webhook = webhook != null ? webhook : true;
    humanAgentTag = humanAgentTag != null ? humanAgentTag : false;
    pollInterval = pollInterval != null ? pollInterval : Duration.ofMinutes(5);
    backfill = backfill != null ? backfill : Duration.ofHours(1);
    hideSpam = hideSpam != null ? hideSpam : false;
    usageThreshold = usageThreshold != null ? usageThreshold : 90;
    throttlePause = throttlePause != null ? throttlePause : Duration.ofMinutes(5);

    String scheme = graphBaseUrl.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme) || graphBaseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          KEY
              + "graph-base-url must be an http(s) URL such as https://graph.facebook.com, not "
              + graphBaseUrl);
    }
    if (!VERSION.matcher(graphVersion).matches()) {
      throw new IllegalArgumentException(
          KEY + "graph-version must look like v21.0, not " + graphVersion);
    }
    requireId(pageId, "page-id");
    requireId(instagramAccountId, "instagram-account-id");
    if (pollInterval.isNegative() || backfill.isNegative() || throttlePause.isNegative()) {
      throw new IllegalArgumentException(
          KEY + "poll-interval, backfill and throttle-pause must not be negative");
    }
    if (usageThreshold < 1 || usageThreshold > 100) {
      throw new IllegalArgumentException(
          KEY + "usage-threshold must be a percentage from 1 to 100, not " + usageThreshold);
    }
    if (enabled) {
      require(appSecret != null, "app-secret");
      require(pageId != null, "page-id");
      require(pageAccessToken != null, "page-access-token");
      if (webhook && verifyToken == null) {
        throw new IllegalArgumentException(
            KEY + "verify-token is required when " + KEY + "webhook is true");
      }
    }
  }

  /** Every key at its default (the channel disabled). */
  public static MetaConfig defaults() {
    return new MetaConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  /** Whether an Instagram account is connected. */
  boolean instagram() {
    return instagramAccountId != null;
  }

  /** The Instagram account's token: its own, else the Page's. */
  Secret instagramToken() {
    return instagramAccessToken != null ? instagramAccessToken : pageAccessToken;
  }

  /** {@code <graph-base-url>/<graph-version>}, without a trailing slash. */
  String graphRoot() {
    String base = graphBaseUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + graphVersion;
  }

  private static void requireId(String id, String key) {
    if (id != null && !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(KEY + key + " must be a numeric id, not " + id);
    }
  }

  private static void require(boolean present, String key) {
    if (!present) {
      throw new IllegalArgumentException(
          KEY + key + " is required when " + KEY + "enabled is true");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Secret emptyToNull(Secret value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
