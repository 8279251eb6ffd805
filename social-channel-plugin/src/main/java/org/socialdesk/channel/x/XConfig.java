package org.socialdesk.channel.x;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.oauth.TokenOwner;

/**
 * The X channel's section, {@code plugins.social-channel.x}. Every key but {@code brand-user-id}
 * and {@code user-access-token} (required when enabled) is optional; an absent key takes the
 * default named here.
 *
 * @param enabled {@code enabled}: whether the X channel runs; default false
 * @param baseUrl {@code base-url}: X API's root; default {@code https://api.x.com}
 * @param brandUserId {@code brand-user-id}: the brand account's numeric user id (not its handle);
 *     required when enabled. Its own posts and messages are never ingested.
 * @param brandUsername {@code brand-username}: the brand's handle without {@code @}, used only for
 *     the links of published replies ({@code https://x.com/<handle>/status/<id>}); default none,
 *     giving {@code https://x.com/i/web/status/<id>}
 * @param bearerToken {@code bearer-token}: the app's OAuth 2.0 app-only token, used for reading
 *     mentions; default none, in which case mentions are read with the user access token
 * @param userAccessToken {@code user-access-token}: the brand account's OAuth 2.0 user access token
 *     (scopes {@code tweet.read tweet.write users.read dm.read dm.write offline.access}), sent as a
 *     Bearer token to post replies and to read and send direct messages; required when enabled
 * @param consumerSecret {@code consumer-secret}: the app's API secret (consumer secret), the key of
 *     webhook CRC answers and signatures; required in webhook mode
 * @param mode {@code mode}: {@code poll} (read mentions and DMs by polling; any API tier) or {@code
 *     webhook} (receive Account Activity deliveries at {@code /api/channels/x/webhook}; enterprise
 *     tier); default {@code poll}
 * @param pollInterval {@code poll-interval}: how often mentions are polled; default 60s
 * @param dmPollInterval {@code dm-poll-interval}: how often direct messages are polled; default 60s
 * @param backfill {@code backfill}: on the very first poll (no cursor stored yet), how far back
 *     mentions and messages are read; default 1h, so that enabling the channel does not turn a
 *     month of history into tickets
 * @param maxResults {@code max-results}: page size of the polled endpoints, 5 to 100; default 100
 * @param fieldNames {@code field-names}: which names of X's fields parameters the poller sends:
 *     {@code post} ({@code post.fields}, {@code referenced_posts}: X's OpenAPI 2.167, which the
 *     tests validate against) or {@code tweet} ({@code tweet.fields}, {@code referenced_tweets.id}:
 *     docs.x.com and OpenAPI 2.159); default {@code post}. Answers in either naming are read.
 * @param pacing {@code pacing}: requests per 15-minute window allowed per endpoint
 * @param oauth2 {@code oauth2}: how the channel renews the brand's user access token itself (OAuth
 *     2.0 refresh tokens); default none, and then {@code user-access-token} is used as it is until
 *     it expires
 */
public record XConfig(
    Boolean enabled,
    URI baseUrl,
    String brandUserId,
    String brandUsername,
    Secret bearerToken,
    Secret userAccessToken,
    Secret consumerSecret,
    String mode,
    Duration pollInterval,
    Duration dmPollInterval,
    Duration backfill,
    Integer maxResults,
    String fieldNames,
    Pacing pacing,
    OAuth2 oauth2) {

  /**
   * Where the brand's renewed tokens are kept (table {@code x_oauth_token}, changeset channel-x-1).
   */
  static final TokenOwner TOKEN_OWNER =
      new TokenOwner("x", "x_oauth_token", "brand_user_id", "plugins.social-channel.x.oauth2");

  /** X's documented lifetime of a user access token, when an answer names none. */
  static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(2);

  static final String POLL = "poll";
  static final String WEBHOOK = "webhook";

  private static final Pattern USER_ID = Pattern.compile("[0-9]{1,19}");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{1,15}");

  public XConfig {
    enabled = enabled != null ? enabled : false;
    baseUrl = baseUrl != null ? baseUrl : URI.create("https://api.x.com");
    brandUserId = blankToNull(brandUserId);
    brandUsername = blankToNull(brandUsername);
    bearerToken = emptyToNull(bearerToken);
    userAccessToken = emptyToNull(userAccessToken);
    consumerSecret = emptyToNull(consumerSecret);
    mode = mode != null ? mode.strip().toLowerCase(Locale.ROOT) : POLL;
    pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(60);
    dmPollInterval = dmPollInterval != null ? dmPollInterval : Duration.ofSeconds(60);
    backfill = backfill != null ? backfill : Duration.ofHours(1);
    maxResults = maxResults != null ? maxResults : 100;
    fieldNames = fieldNames != null ? fieldNames.strip().toLowerCase(Locale.ROOT) : "post";
    pacing = pacing != null ? pacing : new Pacing(null, null, null, null);

    String scheme = baseUrl.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "plugins.social-channel.x.base-url must be an http(s) URL such as https://api.x.com, not "
              + baseUrl);
    }
    if (brandUserId != null && !USER_ID.matcher(brandUserId).matches()) {
      throw new IllegalArgumentException(
          "plugins.social-channel.x.brand-user-id must be the account's numeric id (1 to 19 digits), not its handle: "
              + brandUserId);
    }
    if (brandUsername != null) {
      brandUsername = brandUsername.startsWith("@") ? brandUsername.substring(1) : brandUsername;
      if (!USERNAME.matcher(brandUsername).matches()) {
        throw new IllegalArgumentException(
            "plugins.social-channel.x.brand-username must be an X handle (1 to 15 letters, digits or _): "
                + brandUsername);
      }
    }
    if (!mode.equals(POLL) && !mode.equals(WEBHOOK)) {
      throw new IllegalArgumentException(
          "plugins.social-channel.x.mode must be poll or webhook, not " + mode);
    }
    requirePositive(pollInterval, "plugins.social-channel.x.poll-interval");
    requirePositive(dmPollInterval, "plugins.social-channel.x.dm-poll-interval");
    if (backfill.isNegative()) {
      throw new IllegalArgumentException(
          "plugins.social-channel.x.backfill must not be negative: " + backfill);
    }
    if (maxResults < 5 || maxResults > 100) {
      throw new IllegalArgumentException(
          "plugins.social-channel.x.max-results must be from 5 to 100 (X's page sizes), not "
              + maxResults);
    }
    if (!fieldNames.equals("post") && !fieldNames.equals("tweet")) {
      throw new IllegalArgumentException(
          "plugins.social-channel.x.field-names must be post or tweet, not " + fieldNames);
    }
    if (enabled) {
      if (brandUserId == null) {
        throw new IllegalArgumentException(
            "plugins.social-channel.x.brand-user-id is required when plugins.social-channel.x.enabled is true");
      }
      if (userAccessToken == null && oauth2 == null) {
        throw new IllegalArgumentException(
            "plugins.social-channel.x.user-access-token (or plugins.social-channel.x.oauth2) is required when plugins.social-channel.x.enabled is true");
      }
      if (mode.equals(WEBHOOK) && consumerSecret == null) {
        throw new IllegalArgumentException(
            "plugins.social-channel.x.consumer-secret is required when plugins.social-channel.x.mode is webhook");
      }
    }
  }

  /** Every key but {@code oauth2}: the user access token is used as it is. */
  public XConfig(
      Boolean enabled,
      URI baseUrl,
      String brandUserId,
      String brandUsername,
      Secret bearerToken,
      Secret userAccessToken,
      Secret consumerSecret,
      String mode,
      Duration pollInterval,
      Duration dmPollInterval,
      Duration backfill,
      Integer maxResults,
      String fieldNames,
      Pacing pacing) {
    this(
        enabled,
        baseUrl,
        brandUserId,
        brandUsername,
        bearerToken,
        userAccessToken,
        consumerSecret,
        mode,
        pollInterval,
        dmPollInterval,
        backfill,
        maxResults,
        fieldNames,
        pacing,
        null);
  }

  /** Every key at its default (the channel disabled). */
  public static XConfig defaults() {
    return new XConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * Where refresh tokens are exchanged: {@code oauth2.token-url}, else {@code
   * <base-url>/2/oauth2/token}.
   */
  URI tokenUrl() {
    if (oauth2 != null && oauth2.tokenUrl() != null) {
      return oauth2.tokenUrl();
    }
    String base = baseUrl.toString();
    return URI.create(
        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/2/oauth2/token");
  }

  /** Whether deliveries come by webhook rather than by polling. */
  boolean webhookMode() {
    return mode.equals(WEBHOOK);
  }

  /** The names of the fields parameters the pollers send. */
  XFieldNames names() {
    return fieldNames.equals("tweet") ? XFieldNames.TWEET : XFieldNames.POST;
  }

  /** The token for reading mentions: the app's bearer token if given, else the user's. */
  Secret readToken() {
    return bearerToken != null ? bearerToken : userAccessToken;
  }

  /**
   * Requests per 15-minute window that Socialdesk allows itself per endpoint, below X's limits for
   * the Basic tier (docs.x.com rate-limit table; mentions measured at 10 per user on Basic). X's
   * own {@code x-rate-limit-*} headers are honoured in addition.
   *
   * @param mentions {@code mentions}: {@code GET /2/users/{id}/mentions}; default 10
   * @param dmReads {@code dm-reads}: {@code GET /2/dm_events}; default 15
   * @param posts {@code posts}: {@code POST /2/tweets}; default 100 (X also caps posts per 24
   *     hours, signalled by its {@code x-user-limit-24hour-*} headers, which are honoured)
   * @param dmSends {@code dm-sends}: {@code POST /2/dm_conversations/with/{id}/messages}; default
   *     15
   */
  public record Pacing(Integer mentions, Integer dmReads, Integer posts, Integer dmSends) {
    public Pacing {
      mentions = budget(mentions, 10, "plugins.social-channel.x.pacing.mentions");
      dmReads = budget(dmReads, 15, "plugins.social-channel.x.pacing.dm-reads");
      posts = budget(posts, 100, "plugins.social-channel.x.pacing.posts");
      dmSends = budget(dmSends, 15, "plugins.social-channel.x.pacing.dm-sends");
    }

    /** The budget of one endpoint. */
    int budget(XEndpoint endpoint) {
      return switch (endpoint) {
        case MENTIONS -> mentions;
        case DM_EVENTS -> dmReads;
        case CREATE_POST -> posts;
        case SEND_DM -> dmSends;
      };
    }

    private static int budget(Integer value, int fallback, String key) {
      if (value == null) {
        return fallback;
      }
      if (value < 1 || value > 100_000) {
        throw new IllegalArgumentException(
            key + " must be from 1 to 100000 requests per 15 minutes, not " + value);
      }
      return value;
    }
  }

  /**
   * The app's OAuth 2.0 client and the brand's refresh token, so that the channel renews the
   * two-hour user access token itself. X rotates the refresh token on every use; the channel keeps
   * the newest one in its table {@code x_oauth_token}, so the one given here is needed only once
   * (and again after it is changed here, when it replaces the stored one).
   *
   * @param clientId {@code client-id}: the app's OAuth 2.0 Client ID (Keys and tokens); required
   * @param clientSecret {@code client-secret}: the app's OAuth 2.0 Client Secret, for a
   *     confidential client (sent as HTTP Basic with the client id); none for a public client
   * @param refreshToken {@code refresh-token}: the refresh token from the authorization (scope
   *     {@code offline.access}); required
   * @param tokenUrl {@code token-url}: X's token endpoint; default {@code
   *     <base-url>/2/oauth2/token}
   */
  public record OAuth2(String clientId, Secret clientSecret, Secret refreshToken, URI tokenUrl) {
    public OAuth2 {
      clientId = blankToNull(clientId);
      clientSecret = emptyToNull(clientSecret);
      refreshToken = emptyToNull(refreshToken);
      if (clientId == null) {
        throw new IllegalArgumentException(
            "plugins.social-channel.x.oauth2.client-id is required with plugins.social-channel.x.oauth2");
      }
      if (refreshToken == null) {
        throw new IllegalArgumentException(
            "plugins.social-channel.x.oauth2.refresh-token is required with plugins.social-channel.x.oauth2");
      }
      if (tokenUrl != null
          && (!"https".equals(tokenUrl.getScheme()) && !"http".equals(tokenUrl.getScheme())
              || tokenUrl.getHost() == null)) {
        throw new IllegalArgumentException(
            "plugins.social-channel.x.oauth2.token-url must be an http(s) URL such as https://api.x.com/2/oauth2/token, not "
                + tokenUrl);
      }
    }
  }

  private static void requirePositive(Duration value, String key) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be longer than zero, not " + value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Secret emptyToNull(Secret secret) {
    return secret == null || secret.isEmpty() ? null : secret;
  }
}
