package org.socialdesk.channel;

import org.socialdesk.channel.bluesky.BlueskyConfig;
import org.socialdesk.channel.line.LineConfig;
import org.socialdesk.channel.mastodon.MastodonConfig;
import org.socialdesk.channel.meta.MetaConfig;
import org.socialdesk.channel.reply.ReplyWorkflowConfig;
import org.socialdesk.channel.telegram.TelegramConfig;
import org.socialdesk.channel.x.XConfig;
import org.socialdesk.channel.youtube.YouTubeConfig;

/**
 * The social-channel plugin's section, {@code plugins.social-channel}.
 *
 * @param sandbox the sandbox network, for trying Socialdesk without accounts
 * @param reply the checks every reply passes before it is published (docs/reply-checks.md)
 * @param x the brand's X account; off by default
 * @param mastodon the brand's Mastodon account; off by default
 * @param telegram the brand's Telegram bot; off by default
 * @param meta the brand's Facebook Page and Instagram account; off by default
 * @param youtube the brand's YouTube channel; off by default
 * @param line the brand's LINE Official Account; off by default
 * @param bluesky the brand's Bluesky account; off by default
 */
public record SocialChannelConfig(
    SandboxConfig sandbox,
    ReplyWorkflowConfig reply,
    XConfig x,
    MastodonConfig mastodon,
    TelegramConfig telegram,
    MetaConfig meta,
    YouTubeConfig youtube,
    LineConfig line,
    BlueskyConfig bluesky) {

  public SocialChannelConfig {
    sandbox = sandbox != null ? sandbox : new SandboxConfig(null);
    reply = reply != null ? reply : ReplyWorkflowConfig.defaults();
    x = x != null ? x : XConfig.defaults();
    mastodon = mastodon != null ? mastodon : MastodonConfig.disabled();
    telegram = telegram != null ? telegram : TelegramConfig.disabled();
    meta = meta != null ? meta : MetaConfig.defaults();
    youtube = youtube != null ? youtube : YouTubeConfig.disabled();
    line = line != null ? line : LineConfig.disabled();
    bluesky = bluesky != null ? bluesky : BlueskyConfig.disabled();
  }

  /** Every network but Bluesky, which stays off. */
  public SocialChannelConfig(
      SandboxConfig sandbox,
      ReplyWorkflowConfig reply,
      XConfig x,
      MastodonConfig mastodon,
      TelegramConfig telegram,
      MetaConfig meta,
      YouTubeConfig youtube,
      LineConfig line) {
    this(sandbox, reply, x, mastodon, telegram, meta, youtube, line, null);
  }

  /** X, Mastodon and the sandbox only; the other networks stay off. */
  public SocialChannelConfig(
      SandboxConfig sandbox, ReplyWorkflowConfig reply, XConfig x, MastodonConfig mastodon) {
    this(sandbox, reply, x, mastodon, null, null, null, null, null);
  }

  /**
   * @param enabled whether the sandbox network is on; default false
   */
  public record SandboxConfig(Boolean enabled) {
    public SandboxConfig {
      enabled = enabled != null ? enabled : false;
    }
  }
}
