package org.socialdesk.channel.bluesky;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
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
import org.socialdesk.channel.oauth.TokenStore;
import org.socialdesk.channel.oauth.TokenUnavailable;
import org.socialdesk.channel.status.ChannelStatusServlet;
import org.socialdesk.channel.storage.ChannelCursors;

/**
 * The Bluesky channel ({@code bluesky}): polls the brand's notifications (and, with {@code dms},
 * its chat log) when the host serves, checks the customers' posts for deletions, publishes agents'
 * replies in the thread or as chat messages, and shows its state at {@code
 * /api/channels/bluesky/status}.
 */
public final class BlueskyChannel implements ChannelConnector {

  static final String STATUS_PATH = ChannelStatusServlet.path("bluesky");

  private static final Logger log = LoggerFactory.getLogger(BlueskyChannel.class);

  private final BlueskyConfig config;
  private final BlueskyXrpc xrpc;
  private final BlueskySession session;
  private final ReplyPublisher publisher;
  private final List<ScheduledFuture<?>> tasks;
  private final BlueskyJetstream jetstream;

  private BlueskyChannel(
      BlueskyConfig config,
      BlueskyXrpc xrpc,
      BlueskySession session,
      ReplyPublisher publisher,
      List<ScheduledFuture<?>> tasks,
      BlueskyJetstream jetstream) {
    this.jetstream = jetstream;
    this.config = config;
    this.xrpc = xrpc;
    this.session = session;
    this.publisher = publisher;
    this.tasks = tasks;
  }

  /** The channel's parts, wired as the channel runs them. */
  record Parts(
      BlueskyXrpc xrpc,
      BlueskySession session,
      BlueskyStatus status,
      BlueskyPoller poller,
      BlueskyDeletions deletions,
      BlueskyDms dms,
      BlueskyPublisher publisher,
      BlueskyPosts posts) {}

  /** Builds the parts on the context's database, clock and HTTP clients (tests use it too). */
  static Parts parts(BlueskyConfig config, PluginContext context) {
    HttpClient http = context.httpClients().forPeer(BlueskyXrpc.PEER);
    BlueskySession session =
        new BlueskySession(
            config,
            new TokenStore(BlueskyConfig.TOKEN_OWNER, context.dataSource(), context.clock()),
            context.clock());
    BlueskyXrpc xrpc =
        new BlueskyXrpc(http, config.pdsUrl(), context.httpClients().requestTimeout(), session);
    session.use(xrpc);
    ChannelCursors cursors = new ChannelCursors(context.dataSource(), context.clock());
    BlueskyPosts posts = new BlueskyPosts(context.dataSource(), config.watch(), context.clock());
    BlueskyStatus status = new BlueskyStatus(config, session, cursors, posts);
    BlueskyPoller poller =
        new BlueskyPoller(
            config,
            xrpc,
            session,
            cursors,
            new BlueskyPostReader(config.webUrl()),
            new BlueskyProfiles(xrpc),
            posts,
            context.ingest(),
            status,
            context.clock());
    BlueskyDeletions deletions =
        new BlueskyDeletions(xrpc, posts, context.ingest(), status, context.clock());
    BlueskyDms dms =
        new BlueskyDms(
            config,
            xrpc,
            session,
            cursors,
            context.dataSource(),
            context.ingest(),
            status,
            context.clock());
    BlueskyPublisher publisher =
        new BlueskyPublisher(config, xrpc, session, dms, status, context.clock());
    return new Parts(xrpc, session, status, poller, deletions, dms, publisher, posts);
  }

  /** Starts the channel as {@code config} says; call only when {@code config.enabled()}. */
  public static BlueskyChannel start(BlueskyConfig config, PluginContext context) {
    if (!config.enabled()) {
      throw new IllegalStateException(
          BlueskyConfig.KEY + ".enabled is false; the Bluesky channel must not be started");
    }
    Parts parts = parts(config, context);
    List<ScheduledFuture<?>> tasks = new ArrayList<>();
    BlueskyJetstream jetstream = null;
    if (context.runMode() == RunMode.SERVER) {
      context
          .web()
          .mount(
              STATUS_PATH,
              new ChannelStatusServlet(parts.status()::toJson, context.clock()),
              WebRegistry.Access.ADMIN);
      tasks.add(every(context, config.pollInterval(), parts.poller()::pollQuietly));
      tasks.add(every(context, config.deletionCheckInterval(), parts.deletions()::checkQuietly));
      if (config.dms()) {
        tasks.add(every(context, config.pollInterval(), parts.dms()::pollQuietly));
      }
      if (config.jetstreamUrl() != null) {
        jetstream =
            new BlueskyJetstream(
                config.jetstreamUrl(),
                context.httpClients().forPeer(BlueskyXrpc.PEER),
                parts.session(),
                parts.poller(),
                parts.posts(),
                context.ingest(),
                context.scheduler(),
                context.clock());
        jetstream.start();
      }
      log.info(
          "bluesky: polling the notifications of {} on {} every {}{}",
          config.handle(),
          config.pdsUrl(),
          config.pollInterval(),
          config.dms() ? ", and its chat log" : "");
    }
    return new BlueskyChannel(
        config, parts.xrpc(), parts.session(), parts.publisher(), tasks, jetstream);
  }

  private static ScheduledFuture<?> every(PluginContext context, Duration interval, Runnable task) {
    return context
        .scheduler()
        .scheduleWithFixedDelay(task, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * For {@code socialdesk check}: the handle and app password give a session, and with {@code dms}
   * the chat service answers (a privileged app password). One line per problem.
   */
  public List<String> checkPeers() {
    try {
      session.did();
      if (config.dms()) {
        BlueskyXrpc.Answer chat =
            xrpc.get(
                "chat.bsky.convo.listConvos",
                List.of(java.util.Map.entry("limit", "1")),
                config.chatProxy());
        if (!chat.ok()) {
          return List.of(
              "bluesky: the chat service answered "
                  + chat.problem()
                  + "; DMs need a privileged app password, and "
                  + BlueskyConfig.KEY
                  + ".chat-proxy must name the chat service");
        }
      }
      return List.of();
    } catch (TokenUnavailable e) {
      return List.of(e.getMessage());
    } catch (IOException e) {
      return List.of("bluesky: cannot reach " + config.pdsUrl() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("bluesky: interrupted while checking " + config.pdsUrl());
    }
  }

  /** Stops the pollers; a poll in progress finishes its current request. */
  public void stop() {
    tasks.forEach(task -> task.cancel(false));
    if (jetstream != null) {
      jetstream.stop();
    }
  }

  @Override
  public String network() {
    return BlueskyPostReader.NETWORK;
  }

  /** 300 graphemes (and 3000 bytes) a post, 1000 (and 10000) a chat message. */
  @Override
  public TextLimit textLimit() {
    return new BlueskyTextLength();
  }

  @Override
  public Optional<ReplyPublisher> publisher() {
    return Optional.of(publisher);
  }

  /**
   * Each reply part's record key is derived from its idempotency key, and the repository refuses a
   * second record under one key; a chat message is looked up before it is sent again.
   */
  @Override
  public boolean publishesIdempotently() {
    return true;
  }
}
