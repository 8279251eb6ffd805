package org.socialdesk.channel.line;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.enrich.Enricher;
import org.socialdesk.api.reply.ReplyPolicy;

/**
 * The LINE channel ({@code line}): mounts the webhook ({@value LineWebhookServlet#PATH}) and the
 * content links ({@code /api/channels/line/content/}), both public since LINE signs its calls and
 * each link is signed; publishes replies into the customer's chat. Once a day it forgets handled
 * webhook event ids and messages older than a week (their reply tokens are long spent).
 */
public final class LineChannel implements ChannelConnector {

  private static final Logger log = LoggerFactory.getLogger(LineChannel.class);
  private static final Duration KEEP = Duration.ofDays(7);

  private final LinePublisher publisher;
  private final LineQuotaPolicy quotaPolicy;
  private final ScheduledFuture<?> pruning;

  private LineChannel(
      LinePublisher publisher, LineQuotaPolicy quotaPolicy, ScheduledFuture<?> pruning) {
    this.publisher = publisher;
    this.quotaPolicy = quotaPolicy;
    this.pruning = pruning;
  }

  /** Starts the channel as {@code config} says; call only when {@code config.enabled()}. */
  public static LineChannel start(LineConfig config, PluginContext context) {
    if (!config.enabled()) {
      throw new IllegalStateException(
          "plugins.social-channel.line.enabled is false; the LINE channel must not be started");
    }
    LineApi api =
        new LineApi(
            context.httpClients().forPeer(LineDelivery.NETWORK),
            config,
            context.httpClients().requestTimeout());
    LineMessages messages =
        new LineMessages(context.dataSource(), new LineSeal(config.channelSecret()));
    LineSeenEvents seen = new LineSeenEvents(context.dataSource());
    LineContentLinks links = new LineContentLinks(config, context.clock());
    LineDelivery delivery =
        new LineDelivery(
            context.ingest(),
            seen,
            messages,
            new LineProfiles(api, context.dataSource(), config.profileCacheTtl(), context.clock()),
            new LineMessageReader(links),
            context.clock());
    context
        .web()
        .mount(
            LineWebhookServlet.PATH,
            new LineWebhookServlet(
                new LineSignature(config.channelSecret()), delivery, context.ingest()),
            WebRegistry.Access.PUBLIC);
    context
        .web()
        .mount(
            LineContentServlet.PATH,
            new LineContentServlet(links, messages, api),
            WebRegistry.Access.PUBLIC);
    log.info("line: receiving webhook deliveries at {}", LineWebhookServlet.PATH);
    LineQuota quota = new LineQuota(api, context.clock());
    ScheduledFuture<?> pruning =
        context.runMode() == RunMode.SERVER
            ? context
                .scheduler()
                .scheduleWithFixedDelay(
                    () -> prune(seen, messages, context), 1, 24 * 60, TimeUnit.MINUTES)
            : null;
    return new LineChannel(
        new LinePublisher(
            api,
            config,
            messages,
            new LinePublishAttempts(context.dataSource()),
            seen,
            quota,
            context.clock()),
        new LineQuotaPolicy(messages, quota, config.replyTokenTtl(), context.clock()),
        pruning);
  }

  private static void prune(LineSeenEvents seen, LineMessages messages, PluginContext context) {
    try {
      int events = seen.prune(context.clock().instant().minus(KEEP));
      int old = messages.prune(context.clock().instant().minus(KEEP.multipliedBy(13)));
      log.info("line: forgot {} handled webhook event ids and {} messages", events, old);
    } catch (RuntimeException e) {
      log.warn("line: pruning failed: {}", e.getMessage());
    }
  }

  /** Stops the daily pruning. */
  public void stop() {
    if (pruning != null) {
      pruning.cancel(false);
    }
  }

  @Override
  public String network() {
    return LineDelivery.NETWORK;
  }

  /** 5,000 UTF-16 code units per message. */
  @Override
  public TextLimit textLimit() {
    return new LineTextLimit();
  }

  @Override
  public Optional<ReplyPublisher> publisher() {
    return Optional.of(publisher);
  }

  /**
   * A push is sent under a retry key that LINE accepts once, so an interrupted push is safely sent
   * again; an interrupted reply-token request is reported unknown by the publisher itself.
   */
  @Override
  public boolean publishesIdempotently() {
    return true;
  }

  /** The quota check every LINE reply passes. */
  public List<ReplyPolicy> replyPolicies() {
    return List.of(quotaPolicy);
  }

  /** The profile's language for tickets whose text tells none. */
  public List<Enricher> enrichers() {
    return List.of(new LineLanguageEnricher());
  }
}
