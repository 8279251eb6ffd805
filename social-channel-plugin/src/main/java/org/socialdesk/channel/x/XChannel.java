package org.socialdesk.channel.x;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.socialdesk.channel.oauth.BearerToken;
import org.socialdesk.channel.oauth.OAuth2RefreshClient;
import org.socialdesk.channel.oauth.RefreshingToken;
import org.socialdesk.channel.oauth.TokenStore;
import org.socialdesk.channel.reply.XTextLength;

/**
 * The X channel ({@code x}). In poll mode it polls the brand's mentions and direct messages (only
 * when the host serves); in webhook mode it mounts {@link XWebhookServlet} for Account Activity
 * deliveries. Replies are published through X API v2 in both modes.
 */
public final class XChannel implements ChannelConnector {

  private static final Logger log = LoggerFactory.getLogger(XChannel.class);
  private static final TextLimit TEXT_LIMIT = new XTextLength();

  private final ReplyPublisher publisher;
  private final List<ScheduledFuture<?>> pollers;

  private XChannel(ReplyPublisher publisher, List<ScheduledFuture<?>> pollers) {
    this.publisher = publisher;
    this.pollers = List.copyOf(pollers);
  }

  /** Starts the channel as {@code config} says; call only when {@code config.enabled()}. */
  public static XChannel start(XConfig config, PluginContext context) {
    if (!config.enabled()) {
      throw new IllegalStateException(
          "plugins.social-channel.x.enabled is false; the X channel must not be started");
    }
    XPacer pacer = new XPacer(context.clock(), config.pacing());
    XApi api =
        new XApi(
            context.httpClients().forPeer(XPostReader.NETWORK),
            config.baseUrl(),
            context.httpClients().requestTimeout(),
            pacer);
    BearerToken userToken = userToken(config, context);
    XDelivery delivery = new XDelivery(context.ingest());
    List<ScheduledFuture<?>> pollers = new ArrayList<>();
    if (config.webhookMode()) {
      XWebhookServlet servlet =
          new XWebhookServlet(
              new XWebhookSignature(config.consumerSecret()),
              new XActivityReader(config.brandUserId(), context.clock()),
              delivery);
      context.web().mount(XWebhookServlet.PATH, servlet, WebRegistry.Access.PUBLIC);
      log.info(
          "x: receiving Account Activity deliveries at {} for user {}",
          XWebhookServlet.PATH,
          config.brandUserId());
    } else if (context.runMode() == RunMode.SERVER) {
      XPostReader reader = new XPostReader(config.brandUserId(), context.clock());
      XCursors cursors = new XCursors(context.dataSource(), context.clock());
      XPoller mentions =
          new XPoller(
              new XMentionsFeed(config, reader, userToken),
              api,
              cursors,
              delivery,
              context.clock(),
              config.backfill());
      XPoller messages =
          new XPoller(
              new XDirectMessagesFeed(config, reader, userToken),
              api,
              cursors,
              delivery,
              context.clock(),
              config.backfill());
      pollers.add(
          context
              .scheduler()
              .scheduleWithFixedDelay(
                  mentions::pollQuietly,
                  0,
                  config.pollInterval().toMillis(),
                  TimeUnit.MILLISECONDS));
      pollers.add(
          context
              .scheduler()
              .scheduleWithFixedDelay(
                  messages::pollQuietly,
                  0,
                  config.dmPollInterval().toMillis(),
                  TimeUnit.MILLISECONDS));
      log.info(
          "x: polling mentions every {} and direct messages every {} for user {}",
          config.pollInterval(),
          config.dmPollInterval(),
          config.brandUserId());
    }
    return new XChannel(new XPublisher(api, userToken, config, context.clock()), pollers);
  }

  /**
   * The configured user access token as it is, or one the channel renews when {@code oauth2} is
   * configured.
   */
  private static BearerToken userToken(XConfig config, PluginContext context) {
    if (config.oauth2() == null) {
      return new BearerToken.Fixed(config.userAccessToken());
    }
    log.info(
        "x: the user access token is renewed with OAuth 2.0 refresh tokens at {}",
        config.tokenUrl());
    return refreshingToken(
        config,
        context.dataSource(),
        context.httpClients().forPeer(XPostReader.NETWORK),
        context.httpClients().requestTimeout(),
        context.clock());
  }

  /**
   * The brand's user token, renewed with {@code config.oauth2()} and kept sealed in {@code
   * x_oauth_token}.
   */
  static RefreshingToken refreshingToken(
      XConfig config, DataSource dataSource, HttpClient http, Duration timeout, Clock clock) {
    OAuth2RefreshClient.Client app =
        new OAuth2RefreshClient.Client(
            config.tokenUrl(),
            config.oauth2().clientId(),
            config.oauth2().clientSecret(),
            XConfig.ACCESS_TOKEN_LIFETIME);
    TokenStore.Seed seed =
        new TokenStore.Seed(
            config.brandUserId(), config.oauth2().refreshToken(), config.userAccessToken());
    return new RefreshingToken(
        XConfig.TOKEN_OWNER,
        new TokenStore(XConfig.TOKEN_OWNER, dataSource, clock),
        seed,
        new OAuth2RefreshClient(XConfig.TOKEN_OWNER, http, app, timeout, clock),
        clock);
  }

  /** Stops the pollers; a poll in progress finishes its current request. */
  public void stop() {
    pollers.forEach(poller -> poller.cancel(false));
  }

  @Override
  public String network() {
    return XPostReader.NETWORK;
  }

  /** X's weighted length: 280 for posts, 10,000 for direct messages. */
  @Override
  public TextLimit textLimit() {
    return TEXT_LIMIT;
  }

  @Override
  public Optional<ReplyPublisher> publisher() {
    return Optional.of(publisher);
  }

  /** X has no idempotency key: an interrupted publication is reported as unknown, never retried. */
  @Override
  public boolean publishesIdempotently() {
    return false;
  }
}
