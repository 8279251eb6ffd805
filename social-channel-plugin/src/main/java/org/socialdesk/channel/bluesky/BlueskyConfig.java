package org.socialdesk.channel.bluesky;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.oauth.TokenOwner;

/**
 * The Bluesky channel's section, {@code plugins.social-channel.bluesky}. When enabled, {@code
 * handle} and {@code app-password} are required; every other key is optional and takes the default
 * named here.
 *
 * @param enabled {@code enabled}: whether the Bluesky channel runs; default false
 * @param pdsUrl {@code pds-url}: the brand's PDS (every call goes there; a self-hosted PDS works
 *     the same); default {@code https://bsky.social}
 * @param handle {@code handle}: the brand's handle, e.g. {@code acme.com}, or its DID
 * @param appPassword {@code app-password}: an app password of the brand's account (Settings →
 *     Privacy and security → App passwords); a privileged one when {@code dms} is on
 * @param chatProxy {@code chat-proxy}: the {@code atproto-proxy} header of chat calls, the chat
 *     service's DID and service id; default {@code did:web:api.bsky.chat#bsky_chat}
 * @param dms {@code dms}: whether direct messages are read and {@code /dm} replies sent; default
 *     false (needs a privileged app password)
 * @param pollInterval {@code poll-interval}: time between two polls of the notifications (and of
 *     the chat log); default 3s
 * @param deletionCheckInterval {@code deletion-check-interval}: time between two checks that the
 *     watched customer posts still exist; default 1m
 * @param watch {@code watch}: how long after intake a customer's post is checked for deletion;
 *     default 7d
 * @param webUrl {@code web-url}: where posts are shown to people, for the ticket's link; default
 *     {@code https://bsky.app}
 * @param jetstreamUrl {@code jetstream-url}: a Jetstream's {@code wss://…/subscribe} URL for
 *     second-level intake and deletions; none by default (polling only)
 */
public record BlueskyConfig(
    Boolean enabled,
    URI pdsUrl,
    String handle,
    Secret appPassword,
    String chatProxy,
    Boolean dms,
    Duration pollInterval,
    Duration deletionCheckInterval,
    Duration watch,
    URI webUrl,
    URI jetstreamUrl) {

  static final String KEY = "plugins.social-channel.bluesky";

  /** Where the brand's session is kept (changeset channel-bluesky-1), sealed. */
  static final TokenOwner TOKEN_OWNER = new TokenOwner("bluesky", "bluesky_session", "handle", KEY);

  static final String DEFAULT_CHAT_PROXY = "did:web:api.bsky.chat#bsky_chat";

  /** A DID followed by a service id, as the atproto-proxy header takes it. */
  private static final Pattern PROXY =
      Pattern.compile("did:[a-z]+:[A-Za-z0-9._:%-]+#[A-Za-z0-9_]+");

  public BlueskyConfig {
    enabled = enabled != null ? enabled : false;
    pdsUrl = pdsUrl != null ? pdsUrl : URI.create("https://bsky.social");
    handle = handle == null || handle.isBlank() ? null : handle.strip().replaceFirst("^@", "");
    appPassword = appPassword == null || appPassword.isEmpty() ? null : appPassword;
    chatProxy = chatProxy == null || chatProxy.isBlank() ? DEFAULT_CHAT_PROXY : chatProxy.strip();
    dms = dms != null ? dms : false;
    pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(3);
    deletionCheckInterval =
        deletionCheckInterval != null ? deletionCheckInterval : Duration.ofMinutes(1);
    watch = watch != null ? watch : Duration.ofDays(7);
    webUrl = webUrl != null ? webUrl : URI.create("https://bsky.app");
    requireHttp(pdsUrl, KEY + ".pds-url", "https://bsky.social");
    requireHttp(webUrl, KEY + ".web-url", "https://bsky.app");
    if (!PROXY.matcher(chatProxy).matches()) {
      throw new IllegalArgumentException(
          KEY
              + ".chat-proxy must be a DID and a service id such as "
              + DEFAULT_CHAT_PROXY
              + ", not "
              + chatProxy);
    }
    if (jetstreamUrl != null
        && (!"wss".equals(jetstreamUrl.getScheme()) && !"ws".equals(jetstreamUrl.getScheme())
            || jetstreamUrl.getHost() == null)) {
      throw new IllegalArgumentException(
          KEY
              + ".jetstream-url must be a ws(s) URL such as"
              + " wss://jetstream2.us-east.bsky.network/subscribe, not "
              + jetstreamUrl);
    }
    requirePositive(pollInterval, KEY + ".poll-interval");
    requirePositive(deletionCheckInterval, KEY + ".deletion-check-interval");
    requirePositive(watch, KEY + ".watch");
    if (enabled && handle == null) {
      throw new IllegalArgumentException(
          KEY + ".handle is required when " + KEY + ".enabled is true");
    }
    if (enabled && appPassword == null) {
      throw new IllegalArgumentException(
          KEY + ".app-password is required when " + KEY + ".enabled is true");
    }
  }

  /** Every key at its default (the channel disabled). */
  public static BlueskyConfig disabled() {
    return new BlueskyConfig(null, null, null, null, null, null, null, null, null, null, null);
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
