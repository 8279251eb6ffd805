package org.socialdesk.api;

import java.util.List;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.enrich.Enricher;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.sla.SlaHook;

/**
 * A Socialdesk plugin, found by {@link java.util.ServiceLoader} in the plugin's jar.
 *
 * <p>Lifecycle: the host constructs every plugin (no-argument constructor), applies each one's
 * database changelog, calls {@link #start} on each, then collects the extensions; on shutdown it
 * calls {@link #stop} in reverse order. Extension methods are called only after a successful start.
 * Each extension kind has a default that contributes nothing, so a plugin overrides only what it
 * offers and a new kind later breaks no one.
 */
public interface Plugin {

  PluginDescriptor descriptor();

  /** Acquires resources and binds configuration; a thrown exception marks the plugin failed. */
  void start(PluginContext context) throws Exception;

  /** Releases what {@link #start} acquired. Must not throw for a plugin that failed to start. */
  default void stop() {}

  default List<ChannelConnector> channels() {
    return List.of();
  }

  default List<Enricher> enrichers() {
    return List.of();
  }

  default List<ReplyPolicy> replyPolicies() {
    return List.of();
  }

  default List<SlaHook> slaHooks() {
    return List.of();
  }

  /**
   * Sub-commands of the {@code socialdesk} command line, e.g. {@code socialdesk sentiment ...}. The
   * one extension method also called before start, to list them; a command runs only after the
   * plugin started in {@link RunMode#COMMAND}.
   */
  default List<PluginCommand> commands() {
    return List.of();
  }

  /**
   * What is wrong with the peers this plugin talks to (a network's API, a webhook outlet), one line
   * each; empty when all answer. {@code socialdesk check} calls it after start.
   */
  default List<String> checkPeers() {
    return List.of();
  }
}
