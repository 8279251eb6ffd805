package org.socialdesk.host.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * class loader as the thread's context class loader.
 */
public final class ContextualExtensions {

  private ContextualExtensions() {}

  public static List<Enricher> enrichers(PluginManager plugins) {
    List<Enricher> all = new ArrayList<>();
    for (Plugin plugin : plugins.started()) {
      for (Enricher enricher : plugins.callInto(plugin, plugin::enrichers)) {
        all.add(new Enricher() {
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
        });
      }
    }
    return all;
  }

  public static List<ReplyPolicy> replyPolicies(PluginManager plugins) {
    List<ReplyPolicy> all = new ArrayList<>();
    for (Plugin plugin : plugins.started()) {
      for (ReplyPolicy policy : plugins.callInto(plugin, plugin::replyPolicies)) {
        all.add(new ReplyPolicy() {
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
        });
      }
    }
    return all;
  }

  public static List<SlaHook> slaHooks(PluginManager plugins) {
    List<SlaHook> all = new ArrayList<>();
    for (Plugin plugin : plugins.started()) {
      for (SlaHook hook : plugins.callInto(plugin, plugin::slaHooks)) {
        all.add((post, enrichment) -> in(hook, () -> hook.firstResponseDue(post, enrichment)));
      }
    }
    return all;
  }

  public static List<ChannelConnector> channels(PluginManager plugins) {
    List<ChannelConnector> all = new ArrayList<>();
    for (Plugin plugin : plugins.started()) {
      for (ChannelConnector channel : plugins.callInto(plugin, plugin::channels)) {
        all.add(new ChannelConnector() {
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
            return channel.publisher().map(publisher -> (OutgoingReply reply) -> in(channel, () -> publisher.publish(reply)));
          }
        });
      }
    }
    return all;
  }

  private static <T> T in(Object extension, Supplier<T> call) {
    try (var context = ThreadContextClassLoader.switchTo(extension.getClass().getClassLoader())) {
      return call.get();
    }
  }
}
