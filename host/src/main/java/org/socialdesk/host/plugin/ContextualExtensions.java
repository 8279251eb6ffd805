package org.socialdesk.host.plugin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.socialdesk.api.Plugin;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.enrich.Enricher;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.sla.SlaHook;
import org.socialdesk.api.social.SocialPost;

/**
 * The started plugins' extensions, each wrapped so that every call into it runs with its plugin's
 * class loader as the thread's context class loader. Every wrapper forwards every method of its
 * interface, default ones included (ContextualExtensionsTest checks it): a default method left out
 * would silently answer the interface's default instead of the plugin's own.
 */
public final class ContextualExtensions {

  private ContextualExtensions() {}

  public static List<Enricher> enrichers(PluginManager plugins) {
    return collect(plugins, plugin -> plugin::enrichers, ContextualEnricher::new);
  }

  public static List<ReplyPolicy> replyPolicies(PluginManager plugins) {
    return collect(plugins, plugin -> plugin::replyPolicies, ContextualReplyPolicy::new);
  }

  public static List<SlaHook> slaHooks(PluginManager plugins) {
    return collect(plugins, plugin -> plugin::slaHooks, ContextualSlaHook::new);
  }

  public static List<ChannelConnector> channels(PluginManager plugins) {
    return collect(plugins, plugin -> plugin::channels, ContextualChannel::new);
  }

  private static <T> List<T> collect(
      PluginManager plugins, Function<Plugin, Supplier<List<T>>> extensions, Function<T, T> wrap) {
    List<T> all = new ArrayList<>();
    for (Plugin plugin : plugins.started()) {
      for (T extension : plugins.callInto(plugin, extensions.apply(plugin))) {
        all.add(wrap.apply(extension));
      }
    }
    return all;
  }

  record ContextualEnricher(Enricher enricher) implements Enricher {
    @Override
    public String name() {
      return enricher.name();
    }

    @Override
    public int order() {
      return enricher.order();
    }

    @Override
    public Enrichment enrich(SocialPost post, Enrichment soFar) {
      return in(enricher, () -> enricher.enrich(post, soFar));
    }
  }

  record ContextualReplyPolicy(ReplyPolicy policy) implements ReplyPolicy {
    @Override
    public String name() {
      return policy.name();
    }

    @Override
    public int order() {
      return policy.order();
    }

    @Override
    public ReplyDecision review(ReplyDraft draft) {
      return in(policy, () -> policy.review(draft));
    }

    @Override
    public List<ReplyDraft> followUps(ReplyDraft original) {
      return in(policy, () -> policy.followUps(original));
    }
  }

  record ContextualSlaHook(SlaHook hook) implements SlaHook {
    @Override
    public Optional<Instant> firstResponseDue(SocialPost post, Enrichment enrichment) {
      return in(hook, () -> hook.firstResponseDue(post, enrichment));
    }
  }

  record ContextualChannel(ChannelConnector channel) implements ChannelConnector {
    @Override
    public String network() {
      return channel.network();
    }

    @Override
    public TextLimit textLimit() {
      return channel.textLimit();
    }

    @Override
    public boolean publishesIdempotently() {
      return channel.publishesIdempotently();
    }

    @Override
    public Optional<ReplyPublisher> publisher() {
      return channel
          .publisher()
          .map(publisher -> (OutgoingReply reply) -> in(channel, () -> publisher.publish(reply)));
    }
  }

  private static <T> T in(Object extension, Supplier<T> call) {
    try (var context = ThreadContextClassLoader.switchTo(extension.getClass().getClassLoader())) {
      return call.get();
    }
  }
}
