package org.socialdesk.channel.mastodon;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * The Mastodon network ({@code mastodon}) as a channel: mentions and direct messages of the brand's
 * account come in by polling its notifications and, in {@code stream} mode, by the streaming API;
 * replies go out with {@code POST /api/v1/statuses}. Background work runs only when the host serves
 * ({@link RunMode#SERVER}); in command mode the channel only publishes.
 */
public final class MastodonChannel implements ChannelConnector {

  private static final Logger log = LoggerFactory.getLogger(MastodonChannel.class);

  /** How long taken-in statuses are remembered, for their edits, deletions and replies. */
  static final Duration KEEP_STATUSES = Duration.ofDays(90);

  static final Duration KEEP_ATTEMPTS = Duration.ofDays(2);

  private final MastodonApi api;
  private final MastodonConfig config;
  private final TextLimit textLimit;
  private final MastodonPublisher publisher;
  private final MastodonStream stream;
  private final List<ScheduledFuture<?>> schedules;

  private MastodonChannel(
      MastodonApi api,
      MastodonConfig config,
      MastodonPublisher publisher,
      MastodonStream stream,
      List<ScheduledFuture<?>> schedules) {
    this.api = api;
    this.config = config;
    this.textLimit = new MastodonTextLength(config.maxLength());
    this.publisher = publisher;
    this.stream = stream;
    this.schedules = schedules;
  }

  /** Starts polling (and streaming) when the host serves, and returns the channel. */
  public static MastodonChannel start(MastodonConfig config, PluginContext context) {
    return start(config, context, MastodonStream.Timing.DEFAULT);
  }

  static MastodonChannel start(
      MastodonConfig config, PluginContext context, MastodonStream.Timing timing) {
    if (!config.enabled()) {
      throw new IllegalArgumentException(
          MastodonConfig.SECTION + "enabled is false; the channel must not start");
    }
    Clock clock = context.clock();
    URI base = config.baseUrl();
    String instance = base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort());
    MastodonApi api =
        new MastodonApi(
            context.httpClients().forPeer(MastodonApi.PEER),
            base,
            config.accessToken(),
            context.httpClients().requestTimeout());
    MastodonStatuses statuses = new MastodonStatuses(context.dataSource(), instance);
    MastodonPublishAttempts attempts = new MastodonPublishAttempts(context.dataSource(), instance);
    MastodonPublisher publisher =
        new MastodonPublisher(
            api, statuses, attempts, config.publicReplyVisibility(), base.getHost(), clock);
    List<ScheduledFuture<?>> schedules = new ArrayList<>();
    MastodonStream stream = null;
    if (context.runMode() == RunMode.SERVER) {
      MastodonAccount account = new MastodonAccount(api, config.accountId());
      MastodonInbound inbound =
          new MastodonInbound(
              new MastodonStatusReader(base.getHost(), clock),
              account,
              statuses,
              context.ingest(),
              clock);
      MastodonPoller poller =
          new MastodonPoller(
              api, new MastodonCursor(context.dataSource(), instance, clock), inbound, clock);
      ScheduledExecutorService scheduler = context.scheduler();
      long interval = config.pollInterval().toMillis();
      schedules.add(
          scheduler.scheduleWithFixedDelay(
              poller::pollQuietly,
              config.streams() ? interval : 0,
              interval,
              TimeUnit.MILLISECONDS));
      schedules.add(
          scheduler.scheduleAtFixedRate(
              () -> forgetOld(statuses, attempts, clock),
              1,
              TimeUnit.DAYS.toMinutes(1),
              TimeUnit.MINUTES));
      if (config.streams()) {
        stream =
            new MastodonStream(api, config.streamingUrl(), base, poller, inbound, clock, timing);
        long check = Math.max(1, timing.staleAfter().toMillis() / 3);
        schedules.add(
            scheduler.scheduleAtFixedRate(stream::checkAlive, check, check, TimeUnit.MILLISECONDS));
        stream.start();
      }
      log.info(
          "mastodon: {} mode on {}, polling every {}", config.mode(), base, config.pollInterval());
    }
    return new MastodonChannel(api, config, publisher, stream, List.copyOf(schedules));
  }

  /** Stops polling and closes the stream. */
  public void stop() {
    schedules.forEach(schedule -> schedule.cancel(true));
    if (stream != null) {
      stream.stop();
    }
  }

  /**
   * Whether the instance accepts the token, and whether {@code account-id} is the token's account.
   */
  public List<String> checkPeers() {
    try {
      MastodonApi.Answer answer = api.verifyCredentials();
      if (!answer.ok()) {
        return List.of(
            "mastodon: " + config.baseUrl() + " refuses the access token: " + answer.error());
      }
      String tokenAccount = MastodonStatusReader.text(answer.json(), "id");
      if (config.accountId() != null && !config.accountId().equals(tokenAccount)) {
        return List.of(
            "mastodon: "
                + MastodonConfig.SECTION
                + "account-id is "
                + config.accountId()
                + " but the access token belongs to account "
                + tokenAccount);
      }
      return List.of();
    } catch (IOException e) {
      return List.of("mastodon: cannot reach " + config.baseUrl() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("mastodon: interrupted while checking " + config.baseUrl());
    }
  }

  @Override
  public String network() {
    return MastodonStatusReader.NETWORK;
  }

  @Override
  public TextLimit textLimit() {
    return textLimit;
  }

  @Override
  public Optional<ReplyPublisher> publisher() {
    return Optional.of(publisher);
  }

  /**
   * True: Mastodon publishes a status once per Idempotency-Key (for an hour; see the publisher).
   */
  @Override
  public boolean publishesIdempotently() {
    return true;
  }

  private static void forgetOld(
      MastodonStatuses statuses, MastodonPublishAttempts attempts, Clock clock) {
    try {
      statuses.forgetBefore(clock.instant().minus(KEEP_STATUSES));
      attempts.forgetBefore(clock.instant().minus(KEEP_ATTEMPTS));
    } catch (ChannelStorageException e) {
      log.warn("mastodon: cannot forget old statuses and attempts: {}", e.toString());
    }
  }
}
