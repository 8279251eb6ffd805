package org.socialdesk.host.plugin;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.enrich.Enricher;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.sla.SlaHook;

/** The started plugins' extensions the pipeline uses, in the order they run. */
public record Extensions(
    List<Enricher> enrichers,
    List<ReplyPolicy> replyPolicies,
    List<SlaHook> slaHooks,
    Map<String, ChannelConnector> channels) {

  public static final Extensions NONE = new Extensions(List.of(), List.of(), List.of(), Map.of());

  public Extensions {
    enrichers = enrichers.stream().sorted(Comparator.comparingInt(Enricher::order)).toList();
    replyPolicies =
        replyPolicies.stream().sorted(Comparator.comparingInt(ReplyPolicy::order)).toList();
    slaHooks = List.copyOf(slaHooks);
    channels = Map.copyOf(channels);
  }

  public static Extensions of(
      List<Enricher> enrichers,
      List<ReplyPolicy> policies,
      List<SlaHook> slaHooks,
      List<ChannelConnector> channels) {
    return new Extensions(
        enrichers,
        policies,
        slaHooks,
        channels.stream()
            .collect(
                Collectors.toMap(
                    ChannelConnector::network, Function.identity(), (first, second) -> first)));
  }

  /** The channel of {@code network}, if a started plugin provides one. */
  public Optional<ChannelConnector> channel(String network) {
    return Optional.ofNullable(channels.get(network));
  }
}
