package org.socialdesk.channel.telegram;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.channel.TextLimit;

/**
 * The Telegram channel ({@code telegram}). In poll mode (the default) a thread of its own
 * long-polls {@code getUpdates} (only when the host serves); in webhook mode it mounts {@link
 * TelegramWebhookServlet}. Replies go out with {@code sendMessage} in both modes.
 */
public final class TelegramChannel implements ChannelConnector {

  private static final Logger log = LoggerFactory.getLogger(TelegramChannel.class);
  private static final TextLimit TEXT_LIMIT = new TelegramTextLength();

  private final ReplyPublisher publisher;
  private final AtomicReference<Thread> poller;

  private TelegramChannel(ReplyPublisher publisher, Thread poller) {
    this.publisher = publisher;
    this.poller = new AtomicReference<>(poller);
  }

  /** Starts the channel as {@code config} says; call only when {@code config.enabled()}. */
  public static TelegramChannel start(TelegramConfig config, PluginContext context) {
    if (!config.enabled()) {
      throw new IllegalStateException(
          "plugins.social-channel.telegram.enabled is false; the Telegram channel must not be started");
    }
    TelegramApi api =
        new TelegramApi(
            context.httpClients().forPeer(TelegramReader.NETWORK),
            config.baseUrl(),
            config.botToken(),
            context.httpClients().requestTimeout());
    TelegramStore store = new TelegramStore(context.dataSource(), context.clock(), config.botId());
    TelegramIntake intake =
        new TelegramIntake(
            new TelegramReader(new TelegramIdentity(api, config.botId()), config),
            store,
            context.ingest());
    Thread poller = null;
    if (config.webhookMode()) {
      context
          .web()
          .mount(
              TelegramWebhookServlet.PATH,
              new TelegramWebhookServlet(new TelegramWebhookSecret(config.webhookSecret()), intake),
              WebRegistry.Access.PUBLIC);
      log.info(
          "telegram: receiving updates for bot {} at {} (set it with setWebhook and the secret_token)",
          config.botId(),
          TelegramWebhookServlet.PATH);
    } else if (context.runMode() == RunMode.SERVER) {
      TelegramPoller polling = new TelegramPoller(api, store, intake, config, context.clock());
      poller = Thread.ofVirtual().name("telegram-getUpdates").start(polling::run);
      log.info(
          "telegram: long-polling getUpdates for bot {} ({} per call)",
          config.botId(),
          config.longPollTimeout());
    }
    return new TelegramChannel(new TelegramPublisher(api, store, context.clock()), poller);
  }

  /**
   * Stops the poller; a long poll in progress is interrupted, and its updates are asked for again
   * next time.
   */
  public void stop() {
    Thread current = poller.getAndSet(null);
    if (current != null) {
      current.interrupt();
      try {
        current.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String network() {
    return TelegramReader.NETWORK;
  }

  /** 4,096 UTF-16 code units per message, private or in a group. */
  @Override
  public TextLimit textLimit() {
    return TEXT_LIMIT;
  }

  @Override
  public Optional<ReplyPublisher> publisher() {
    return Optional.of(publisher);
  }

  /**
   * Telegram does not deduplicate: an interrupted publication is reported as unknown, never
   * retried.
   */
  @Override
  public boolean publishesIdempotently() {
    return false;
  }
}
