package org.socialdesk.channel.meta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.channel.status.ChannelStatusServlet;
import org.socialdesk.channel.storage.ChannelCursors;
import org.socialdesk.channel.webhook.WebhookQueue;

/**
 * The Meta channel: the networks {@code facebook} (the Page's comments, visitor posts, mentions and
 * Messenger) and {@code instagram} (the linked professional account's comments, mentions and Direct
 * messages), one webhook for the app, one Graph client, and the backfill pollers.
 */
public final class MetaChannel {

  private static final Logger log = LoggerFactory.getLogger(MetaChannel.class);

  /** Facebook comments 8,000 characters, Messenger texts 2,000 (Meta's Send API limit). */
  /** How often notes of hidden comments are written to tickets that appeared meanwhile. */
  static final Duration HIDDEN_NOTES_EVERY = Duration.ofSeconds(30);

  /** How often queued Instagram usernames are looked up (at most 20 each time). */
  static final Duration PROFILES_EVERY = Duration.ofMinutes(1);

  /** The channel's state for admins: the webhook deliveries waiting to be read. */
  static final String STATUS_PATH = ChannelStatusServlet.path("meta");

  static final TextLimit FACEBOOK_LIMIT = TextLimit.codePoints(8000, 2000);

  /** Instagram comments 2,200 characters (as captions), Instagram messages 1,000. */
  static final TextLimit INSTAGRAM_LIMIT = TextLimit.codePoints(2200, 1000);

  private final List<ChannelConnector> connectors;
  private final ReplyPolicy replyPolicy;
  private final MetaTokens tokens;
  private final MetaSubscriptionCheck subscription;
  private final List<ScheduledFuture<?>> pollers;
  private final List<AutoCloseable> subscriptions;

  private MetaChannel(
      List<ChannelConnector> connectors,
      ReplyPolicy replyPolicy,
      MetaTokens tokens,
      MetaSubscriptionCheck subscription,
      List<ScheduledFuture<?>> pollers,
      List<AutoCloseable> subscriptions) {
    this.connectors = List.copyOf(connectors);
    this.replyPolicy = replyPolicy;
    this.tokens = tokens;
    this.subscription = subscription;
    this.pollers = List.copyOf(pollers);
    this.subscriptions = List.copyOf(subscriptions);
  }

  /** Starts the channel as {@code config} says; call only when {@code config.enabled()}. */
  public static MetaChannel start(MetaConfig config, PluginContext context) {
    if (!config.enabled()) {
      throw new IllegalStateException(
          "plugins.social-channel.meta.enabled is false; the Meta channel must not be started");
    }
    MetaTokens tokens =
        new MetaTokens(
            context.dataSource(), context.clock(), new MetaTokenSeal(config.appSecret()));
    tokens.configure(config.pageId(), "page", config.pageAccessToken());
    if (config.instagram()) {
      tokens.configure(config.instagramAccountId(), "instagram", config.instagramToken());
    }
    MetaPacer pacer =
        new MetaPacer(context.clock(), config.usageThreshold(), config.throttlePause());
    MetaGraph graph =
        new MetaGraph(
            context.httpClients().forPeer(MetaGraph.PEER),
            config,
            context.httpClients().requestTimeout(),
            pacer,
            tokens);
    MetaItems items = new MetaItems(context.dataSource());
    MetaPrivateReplies privateReplies =
        new MetaPrivateReplies(context.dataSource(), context.clock());
    MetaHiddenNotes hiddenNotes =
        new MetaHiddenNotes(context.dataSource(), context::helpdesk, context.clock());
    MetaDelivery delivery = new MetaDelivery(context.ingest(), items, hiddenNotes);
    MetaInstagramProfiles profiles =
        config.instagram()
            ? new MetaInstagramProfiles(
                graph, config.instagramAccountId(), context.dataSource(), context.clock())
            : null;
    MetaChangeReader changes =
        profiles == null
            ? new MetaChangeReader(config.pageId(), config.instagramAccountId())
            : new MetaChangeReader(
                config.pageId(), config.instagramAccountId(), profiles::followers);
    MetaWebhookReader reader =
        new MetaWebhookReader(
            changes, config.pageId(), config.instagramAccountId(), privateReplies::latestTo);
    WebhookQueue queue =
        new WebhookQueue(
            "meta",
            context.dataSource(),
            context.clock(),
            new MetaQueuedDeliveries(
                reader,
                delivery,
                context.ingest(),
                profiles == null ? () -> 0 : profiles::fetchQueued));
    if (config.webhook()) {
      context
          .web()
          .mount(
              MetaWebhookServlet.PATH,
              new MetaWebhookServlet(
                  new MetaWebhookSignature(config.appSecret(), config.verifyToken()),
                  reader,
                  delivery,
                  queue,
                  context.clock()),
              WebRegistry.Access.PUBLIC);
      context
          .web()
          .mount(
              STATUS_PATH,
              new ChannelStatusServlet(now -> Map.of("webhook", queue.status()), context.clock()),
              WebRegistry.Access.ADMIN);
      log.info(
          "meta: receiving webhook deliveries at {} for Page {}{}",
          MetaWebhookServlet.PATH,
          config.pageId(),
          config.instagram() ? " and Instagram account " + config.instagramAccountId() : "");
    }
    List<ChannelConnector> connectors = new ArrayList<>();
    connectors.add(
        new Connector(
            MetaNetwork.FACEBOOK,
            FACEBOOK_LIMIT,
            new MetaPublisher(
                MetaNetwork.FACEBOOK, graph, items, privateReplies, config, context.clock())));
    if (config.instagram()) {
      connectors.add(
          new Connector(
              MetaNetwork.INSTAGRAM,
              INSTAGRAM_LIMIT,
              new MetaPublisher(
                  MetaNetwork.INSTAGRAM, graph, items, privateReplies, config, context.clock())));
    }
    List<ScheduledFuture<?>> pollers = new ArrayList<>();
    if (context.runMode() == RunMode.SERVER && !config.pollInterval().isZero()) {
      MetaPoller poller =
          new MetaPoller(
              graph,
              config,
              changes,
              new MetaMessagingReader(
                  MetaNetwork.FACEBOOK, config.pageId(), privateReplies::latestTo),
              new MetaMessagingReader(
                  MetaNetwork.INSTAGRAM,
                  String.valueOf(config.instagramAccountId()),
                  privateReplies::latestTo),
              delivery,
              new ChannelCursors(context.dataSource(), context.clock()),
              context.clock());
      pollers.add(
          context
              .scheduler()
              .scheduleWithFixedDelay(
                  poller::pollQuietly, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS));
      log.info("meta: backfill polls every {}", config.pollInterval());
    }
    List<AutoCloseable> subscriptions = new ArrayList<>();
    if (config.webhook() && context.runMode() == RunMode.SERVER) {
      queue.start();
      subscriptions.add(queue);
      // Only the webhook tells that the Page hid a comment; its notes wait for the ticket.
      subscriptions.add(
          context.events().subscribe(SocialdeskEvent.PostRouted.class, hiddenNotes::onRouted));
      hiddenNotes.startWriting();
      pollers.add(
          context
              .scheduler()
              .scheduleWithFixedDelay(
                  hiddenNotes::writePendingQuietly,
                  HIDDEN_NOTES_EVERY.toMillis(),
                  HIDDEN_NOTES_EVERY.toMillis(),
                  TimeUnit.MILLISECONDS));
    }
    if (profiles != null && context.runMode() == RunMode.SERVER) {
      profiles.load();
      pollers.add(
          context
              .scheduler()
              .scheduleWithFixedDelay(
                  profiles::fetchQueued,
                  PROFILES_EVERY.toMillis(),
                  PROFILES_EVERY.toMillis(),
                  TimeUnit.MILLISECONDS));
    }
    if (config.hideSpam()) {
      MetaModeration moderation =
          new MetaModeration(graph, items, config, context.helpdesk(), context.clock());
      subscriptions.add(
          context.events().subscribe(SocialdeskEvent.PostRouted.class, moderation::onRouted));
    }
    return new MetaChannel(
        connectors,
        new MetaReplyPolicy(items, privateReplies, config.humanAgentTag(), context.clock()),
        tokens,
        config.webhook() ? new MetaSubscriptionCheck(graph, config.pageId()) : null,
        pollers,
        subscriptions);
  }

  /** {@code facebook}, and {@code instagram} when an account is configured. */
  public List<ChannelConnector> connectors() {
    return connectors;
  }

  /** Meta's windows, hidden and Live comments, one private reply per comment. */
  public ReplyPolicy replyPolicy() {
    return replyPolicy;
  }

  /** Revoked tokens, and a Page the app is not subscribed to (webhook mode), one line each. */
  public List<String> checkPeers() {
    List<String> problems = new ArrayList<>(tokens.problems());
    if (problems.isEmpty() && subscription != null) {
      problems.addAll(subscription.problems());
    }
    return problems;
  }

  /** Stops the pollers and the moderation; a poll in progress finishes its current request. */
  public void stop() {
    pollers.forEach(poller -> poller.cancel(false));
    for (AutoCloseable subscription : subscriptions) {
      try {
        subscription.close();
      } catch (Exception e) {
        log.warn("meta: closing a subscription failed: {}", e.toString());
      }
    }
  }

  private record Connector(MetaNetwork meta, TextLimit textLimit, ReplyPublisher replyPublisher)
      implements ChannelConnector {
    @Override
    public String network() {
      return meta.id();
    }

    @Override
    public Optional<ReplyPublisher> publisher() {
      return Optional.of(replyPublisher);
    }

    /**
     * Graph has no idempotency key: an interrupted publication is reported as unknown, never
     * retried.
     */
    @Override
    public boolean publishesIdempotently() {
      return false;
    }
  }
}
