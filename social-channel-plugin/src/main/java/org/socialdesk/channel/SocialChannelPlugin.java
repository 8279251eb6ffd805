package org.socialdesk.channel;

import java.util.ArrayList;
import java.util.List;
import org.socialdesk.api.Plugin;
import org.socialdesk.api.PluginCommand;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.enrich.Enricher;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.channel.bluesky.BlueskyChannel;
import org.socialdesk.channel.line.LineChannel;
import org.socialdesk.channel.mastodon.MastodonChannel;
import org.socialdesk.channel.meta.MetaChannel;
import org.socialdesk.channel.reply.ReplyPolicies;
import org.socialdesk.channel.sandbox.SandboxChannel;
import org.socialdesk.channel.sandbox.SandboxReplayCommand;
import org.socialdesk.channel.telegram.TelegramChannel;
import org.socialdesk.channel.x.XChannel;
import org.socialdesk.channel.youtube.YouTubeChannel;

/**
 * The social-channel plugin: the networks it connects and the reply workflow. Each network is a
 * component of its own package, started here when its section enables it.
 */
public final class SocialChannelPlugin implements Plugin {

  private final PluginDescriptor descriptor = PluginDescriptor.of(SocialChannelPlugin.class);
  private volatile List<ChannelConnector> channels = List.of();
  private volatile List<ReplyPolicy> replyPolicies = List.of();
  private volatile XChannel x;
  private volatile MastodonChannel mastodon;
  private volatile TelegramChannel telegram;
  private volatile MetaChannel meta;
  private volatile YouTubeChannel youtube;
  private volatile LineChannel line;
  private volatile BlueskyChannel bluesky;

  @Override
  public PluginDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public void start(PluginContext context) {
    SocialChannelConfig config = context.config().bind(SocialChannelConfig.class);
    List<ChannelConnector> started = new ArrayList<>();
    if (config.sandbox().enabled()) {
      started.add(SandboxChannel.start(context));
    }
    if (config.x().enabled()) {
      x = XChannel.start(config.x(), context);
      started.add(x);
    }
    if (config.mastodon().enabled()) {
      mastodon = MastodonChannel.start(config.mastodon(), context);
      started.add(mastodon);
    }
    if (config.telegram().enabled()) {
      telegram = TelegramChannel.start(config.telegram(), context);
      started.add(telegram);
    }
    List<ReplyPolicy> policies = new ArrayList<>(ReplyPolicies.from(config.reply()).all());
    if (config.meta().enabled()) {
      meta = MetaChannel.start(config.meta(), context);
      started.addAll(meta.connectors());
      policies.add(meta.replyPolicy());
    }
    if (config.youtube().enabled()) {
      youtube = YouTubeChannel.start(config.youtube(), context);
      started.add(youtube);
    }
    if (config.line().enabled()) {
      line = LineChannel.start(config.line(), context);
      started.add(line);
      policies.addAll(line.replyPolicies());
    }
    if (config.bluesky().enabled()) {
      bluesky = BlueskyChannel.start(config.bluesky(), context);
      started.add(bluesky);
    }
    channels = List.copyOf(started);
    replyPolicies = List.copyOf(policies);
  }

  @Override
  public List<ChannelConnector> channels() {
    return channels;
  }

  @Override
  public void stop() {
    if (x != null) {
      x.stop();
    }
    if (mastodon != null) {
      mastodon.stop();
    }
    if (telegram != null) {
      telegram.stop();
    }
    if (meta != null) {
      meta.stop();
    }
    if (youtube != null) {
      youtube.stop();
    }
    if (line != null) {
      line.stop();
    }
    if (bluesky != null) {
      bluesky.stop();
    }
  }

  /** LINE: the customer's profile language where the text tells none. */
  @Override
  public List<Enricher> enrichers() {
    return line == null ? List.of() : line.enrichers();
  }

  @Override
  public List<String> checkPeers() {
    List<String> problems = new ArrayList<>(mastodon == null ? List.of() : mastodon.checkPeers());
    problems.addAll(meta == null ? List.of() : meta.checkPeers());
    if (youtube != null) {
      problems.addAll(youtube.checkPeers());
    }
    if (bluesky != null) {
      problems.addAll(bluesky.checkPeers());
    }
    return problems;
  }

  /** Length, signature, personal data, approval and {@code /dm}, for every network. */
  @Override
  public List<ReplyPolicy> replyPolicies() {
    return replyPolicies;
  }

  /** Always offered, even before start: the replay command is a client of a running server. */
  @Override
  public List<PluginCommand> commands() {
    return List.of(new SandboxReplayCommand());
  }
}
