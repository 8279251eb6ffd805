package org.socialdesk.channel.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.socialdesk.api.Secret;

/**
 * The Telegram channel's section, {@code plugins.social-channel.telegram}. Every key but {@code
 * bot-token} (required when enabled) and {@code webhook-secret} (required in webhook mode) is
 * optional; an absent key takes the default named here.
 *
 * @param enabled {@code enabled}: whether the Telegram channel runs; default false
 * @param baseUrl {@code base-url}: the Bot API server's root; default {@code
 *     https://api.telegram.org} (a local {@code telegram-bot-api} server, or the emulator in tests,
 *     elsewhere)
 * @param botToken {@code bot-token}: the token BotFather gave ({@code <bot id>:<secret>}); it is
 *     part of every request's path, so URLs are never logged; required when enabled
 * @param mode {@code mode}: {@code poll} ({@code getUpdates} long polling; no public URL needed) or
 *     {@code webhook} (Telegram posts updates to {@code /api/channels/telegram/webhook}); default
 *     poll
 * @param webhookSecret {@code webhook-secret}: the {@code secret_token} given to {@code
 *     setWebhook}, 1 to 256 characters of {@code A-Za-z0-9_-}, which Telegram sends in the {@code
 *     X-Telegram-Bot-Api-Secret-Token} header; required in webhook mode
 * @param longPollTimeout {@code long-poll-timeout}: how long one {@code getUpdates} waits for an
 *     update, 1 to 50 seconds; default 25s (Telegram: short polling, 0, is for testing only; here
 *     it would call Telegram in a tight loop)
 * @param retryInterval {@code retry-interval}: the pause after a failed poll; default 5s
 * @param groups {@code groups}: whether messages in groups and supergroups that mention the bot or
 *     answer it become tickets; default true
 * @param comments {@code comments}: whether comments on the brand's channel, in its linked
 *     discussion group, become tickets (the bot must be a member of that group with privacy mode
 *     off, or an admin); default true
 * @param business {@code business}: whether messages to the brand's own Telegram Business account
 *     connected to the bot become tickets, and replies are sent on its behalf; default false
 */
public record TelegramConfig(
    Boolean enabled,
    URI baseUrl,
    Secret botToken,
    String mode,
    Secret webhookSecret,
    Duration longPollTimeout,
    Duration retryInterval,
    Boolean groups,
    Boolean comments,
    Boolean business) {

  static final String POLL = "poll";
  static final String WEBHOOK = "webhook";
  private static final String KEY = "plugins.social-channel.telegram.";

  /** BotFather's tokens: the bot's numeric id, a colon, then the secret part. */
  private static final Pattern TOKEN = Pattern.compile("([0-9]{1,20}):[A-Za-z0-9_-]{1,200}");

  /** What {@code setWebhook} accepts as {@code secret_token}. */
  private static final Pattern WEBHOOK_SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  public TelegramConfig {
    enabled = enabled != null ? enabled : false;
    baseUrl = baseUrl != null ? baseUrl : URI.create("https://api.telegram.org");
    botToken = emptyToNull(botToken);
    mode = mode != null ? mode.strip().toLowerCase(Locale.ROOT) : POLL;
    webhookSecret = emptyToNull(webhookSecret);
    longPollTimeout = longPollTimeout != null ? longPollTimeout : Duration.ofSeconds(25);
    retryInterval = retryInterval != null ? retryInterval : Duration.ofSeconds(5);
    groups = groups != null ? groups : true;
    comments = comments != null ? comments : true;
    business = business != null ? business : false;

    String scheme = baseUrl.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          KEY + "base-url must be an http(s) URL such as https://api.telegram.org, not " + baseUrl);
    }
    if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          KEY + "base-url must have no query or fragment: " + baseUrl);
    }
    // The token is never echoed: a message naming it would put it in a log.
    if (botToken != null && !TOKEN.matcher(botToken.reveal()).matches()) {
      throw new IllegalArgumentException(
          KEY
              + "bot-token is not a token as BotFather gives it (<bot id>:<letters, digits, _ and ->)");
    }
    if (webhookSecret != null && !WEBHOOK_SECRET.matcher(webhookSecret.reveal()).matches()) {
      throw new IllegalArgumentException(
          KEY
              + "webhook-secret must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (what setWebhook accepts)");
    }
    if (!mode.equals(POLL) && !mode.equals(WEBHOOK)) {
      throw new IllegalArgumentException(KEY + "mode must be poll or webhook, not " + mode);
    }
    if (longPollTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || longPollTimeout.compareTo(Duration.ofSeconds(50)) > 0) {
      throw new IllegalArgumentException(
          KEY + "long-poll-timeout must be from 1s to 50s, not " + longPollTimeout);
    }
    if (retryInterval.isZero() || retryInterval.isNegative()) {
      throw new IllegalArgumentException(
          KEY + "retry-interval must be longer than zero, not " + retryInterval);
    }
    if (enabled) {
      if (botToken == null) {
        throw new IllegalArgumentException(
            KEY + "bot-token is required when " + KEY + "enabled is true");
      }
      if (mode.equals(WEBHOOK) && webhookSecret == null) {
        throw new IllegalArgumentException(
            KEY
                + "webhook-secret is required when "
                + KEY
                + "mode is webhook;"
                + " Telegram's updates are authenticated by nothing else");
      }
    }
  }

  /** Every key at its default (the channel disabled). */
  public static TelegramConfig disabled() {
    return new TelegramConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /** Whether updates come by webhook rather than by polling. */
  boolean webhookMode() {
    return mode.equals(WEBHOOK);
  }

  /** The bot's own user id: the token's part before the colon, which is not secret. */
  String botId() {
    var matcher = TOKEN.matcher(botToken.reveal());
    if (!matcher.matches()) {
      throw new IllegalStateException("the bot token was checked when the configuration was read");
    }
    return matcher.group(1);
  }

  private static Secret emptyToNull(Secret secret) {
    return secret == null || secret.isEmpty() ? null : secret;
  }
}
