package org.socialdesk.channel.youtube;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.channel.oauth.OAuth2RefreshClient;
import org.socialdesk.channel.oauth.RefreshingToken;
import org.socialdesk.channel.oauth.TokenStore;
import org.socialdesk.channel.oauth.TokenUnavailable;
import org.socialdesk.channel.status.ChannelStatusServlet;
import org.socialdesk.channel.storage.ChannelCursors;

/**
 * The YouTube channel ({@code youtube}): polls the comments on the brand's channel and videos (only
 * when the host serves), publishes agents' replies as comment replies, holds likely spam for review
 * when the admin turns it on, and shows its state and quota at {@code
 * /api/channels/youtube/status}.
 */
public final class YouTubeChannel implements ChannelConnector {

  static final String STATUS_PATH = ChannelStatusServlet.path("youtube");

  private static final Logger log = LoggerFactory.getLogger(YouTubeChannel.class);

  /** How often the scheduler asks the poller whether a poll is due (the quota decides). */
  private static final Duration TICK = Duration.ofSeconds(1);

  private static final YouTubeApi.Call WHO_AM_I =
      new YouTubeApi.Call("channels.list", YouTubeQuota.LIST_COST, YouTubeQuota.Use.POLL);

  private final YouTubeConfig config;
  private final YouTubeApi api;
  private final ReplyPublisher publisher;
  private final TextLimit textLimit;
  private final ScheduledFuture<?> poller;

  private YouTubeChannel(
      YouTubeConfig config,
      YouTubeApi api,
      ReplyPublisher publisher,
      TextLimit textLimit,
      ScheduledFuture<?> poller) {
    this.config = config;
    this.api = api;
    this.publisher = publisher;
    this.textLimit = textLimit;
    this.poller = poller;
  }

  /** Starts the channel as {@code config} says; call only when {@code config.enabled()}. */
  public static YouTubeChannel start(YouTubeConfig config, PluginContext context) {
    if (!config.enabled()) {
      throw new IllegalStateException(
          YouTubeConfig.KEY + ".enabled is false; the YouTube channel must not be started");
    }
    HttpClient http = context.httpClients().forPeer(YouTubeCommentReader.NETWORK);
    Duration timeout = context.httpClients().requestTimeout();
    YouTubeQuota quota =
        new YouTubeQuota(context.dataSource(), config.channelId(), config.quota(), context.clock());
    YouTubeApi api =
        new YouTubeApi(
            http,
            config.baseUrl(),
            timeout,
            refreshingToken(config, context.dataSource(), http, timeout, context.clock()),
            quota);
    ChannelCursors cursors = new ChannelCursors(context.dataSource(), context.clock());
    YouTubeThreads threads =
        new YouTubeThreads(context.dataSource(), config.channelId(), context.clock());
    YouTubeStatus status = new YouTubeStatus(config, quota, cursors);
    ScheduledFuture<?> poller = null;
    if (context.runMode() == RunMode.SERVER) {
      context
          .web()
          .mount(
              STATUS_PATH,
              new ChannelStatusServlet(status::toJson, context.clock()),
              WebRegistry.Access.ADMIN);
      YouTubePoller polls =
          new YouTubePoller(
              config,
              api,
              quota,
              cursors,
              threads,
              new YouTubeModerator(config, api),
              context.ingest(),
              status,
              context.clock());
      poller =
          context
              .scheduler()
              .scheduleWithFixedDelay(
                  polls::pollWhenDue, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
      log.info(
          "youtube: polling the comments of channel {} at most every {}, within {} quota units a day ({} kept for replies)",
          config.channelId(),
          config.pollInterval(),
          config.quota().dailyUnits(),
          config.quota().replyReserve());
    }
    YouTubePublisher publisher =
        new YouTubePublisher(config, api, threads, status, context.clock());
    return new YouTubeChannel(
        config,
        api,
        publisher,
        TextLimit.codePoints(config.maxReplyLength(), config.maxReplyLength()),
        poller);
  }

  /**
   * The brand's access token, renewed with {@code config.oauth2()} and kept sealed in {@code
   * youtube_oauth_token}.
   */
  static RefreshingToken refreshingToken(
      YouTubeConfig config, DataSource dataSource, HttpClient http, Duration timeout, Clock clock) {
    OAuth2RefreshClient.Client app =
        new OAuth2RefreshClient.Client(
            config.oauth2().tokenUrl(),
            config.oauth2().clientId(),
            config.oauth2().clientSecret(),
            YouTubeConfig.ACCESS_TOKEN_LIFETIME);
    TokenStore.Seed seed =
        new TokenStore.Seed(config.channelId(), config.oauth2().refreshToken(), null);
    return new RefreshingToken(
        YouTubeConfig.TOKEN_OWNER,
        new TokenStore(YouTubeConfig.TOKEN_OWNER, dataSource, clock),
        seed,
        new OAuth2RefreshClient(YouTubeConfig.TOKEN_OWNER, http, app, timeout, clock),
        clock);
  }

  /**
   * For {@code socialdesk check}: the refresh token gives an access token, and it is the configured
   * channel's ({@code channels.list?mine=true}, 1 unit). One line per problem; empty when all
   * works.
   */
  public List<String> checkPeers() {
    try {
      YouTubeApi.Answer answer =
          api.get(
              WHO_AM_I, "channels", List.of(Map.entry("part", "id"), Map.entry("mine", "true")));
      if (!answer.isSuccess()) {
        return List.of("youtube: channels.list?mine=true answered " + answer.problem());
      }
      List<String> mine = new ArrayList<>();
      answer.json().path("items").forEach(item -> mine.add(item.path("id").asText()));
      if (!mine.contains(config.channelId())) {
        return List.of(
            "youtube: "
                + YouTubeConfig.KEY
                + ".channel-id is "
                + config.channelId()
                + " but the refresh token's account has "
                + (mine.isEmpty() ? "no channel" : "channel(s) " + mine)
                + "; authorize with the account that owns the channel");
      }
      return List.of();
    } catch (TokenUnavailable | YouTubeQuotaWait e) {
      return List.of(e.getMessage());
    } catch (IOException e) {
      return List.of("youtube: cannot reach " + config.baseUrl() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("youtube: interrupted while checking " + config.baseUrl());
    }
  }

  /** Stops the poller; a poll in progress finishes its current request. */
  public void stop() {
    if (poller != null) {
      poller.cancel(false);
    }
  }

  @Override
  public String network() {
    return YouTubeCommentReader.NETWORK;
  }

  /** YouTube's comment length, in characters; replies have no private form. */
  @Override
  public TextLimit textLimit() {
    return textLimit;
  }

  @Override
  public Optional<ReplyPublisher> publisher() {
    return Optional.of(publisher);
  }

  /**
   * YouTube has no idempotency key: an interrupted publication is reported as unknown, never
   * retried.
   */
  @Override
  public boolean publishesIdempotently() {
    return false;
  }
}
