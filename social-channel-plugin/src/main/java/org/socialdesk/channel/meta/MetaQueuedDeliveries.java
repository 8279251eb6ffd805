package org.socialdesk.channel.meta;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.channel.webhook.WebhookQueue;

/**
 * Reads the webhook deliveries the queue kept and stores their events, many deliveries at once: one
 * {@code meta_item} transaction and a shared inbox group commit for a whole batch. Each delivery is
 * read at the time it was received, as the webhook would have read it. Authors whose follower count
 * is not known yet are looked up first (within the lookups' own rate budget) and the batch read
 * again, so that a customer's first comment carries its count: the acknowledgement has been given
 * already, so this wait costs Meta nothing.
 */
final class MetaQueuedDeliveries implements WebhookQueue.Reader {

  private final MetaWebhookReader reader;
  private final MetaDelivery delivery;
  private final Ingest ingest;
  private final IntSupplier learnWaitingCounts;

  /**
   * @param learnWaitingCounts looks up the authors reading queued for a follower count; returns how
   *     many it learned
   */
  MetaQueuedDeliveries(
      MetaWebhookReader reader,
      MetaDelivery delivery,
      Ingest ingest,
      IntSupplier learnWaitingCounts) {
    this.reader = reader;
    this.delivery = delivery;
    this.ingest = ingest;
    this.learnWaitingCounts = learnWaitingCounts;
  }

  @Override
  public void store(List<WebhookQueue.Delivery> deliveries) {
    List<MetaInbound> items = read(deliveries);
    if (learnWaitingCounts.getAsInt() > 0) {
      items = read(deliveries);
    }
    delivery.deliver(items);
  }

  private List<MetaInbound> read(List<WebhookQueue.Delivery> deliveries) {
    List<MetaInbound> items = new ArrayList<>();
    for (WebhookQueue.Delivery received : deliveries) {
      items.addAll(
          reader.read(received.body().getBytes(StandardCharsets.UTF_8), received.receivedAt()));
    }
    return items;
  }

  @Override
  public void giveUp(WebhookQueue.Delivery received, String reason) {
    ingest.quarantine(
        MetaNetwork.FACEBOOK.id(),
        received.body(),
        "the webhook delivery could not be read: " + reason);
  }
}
