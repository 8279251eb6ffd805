package org.socialdesk.channel.meta;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.channel.webhook.WebhookQueue;

/**
 * Reads the webhook deliveries the queue kept and stores their events, many deliveries at once: one
 * {@code meta_item} transaction and a shared inbox group commit for a whole batch. Each delivery is
 * read at the time it was received, as the webhook would have read it.
 */
final class MetaQueuedDeliveries implements WebhookQueue.Reader {

  private final MetaWebhookReader reader;
  private final MetaDelivery delivery;
  private final Ingest ingest;

  MetaQueuedDeliveries(MetaWebhookReader reader, MetaDelivery delivery, Ingest ingest) {
    this.reader = reader;
    this.delivery = delivery;
    this.ingest = ingest;
  }

  @Override
  public void store(List<WebhookQueue.Delivery> deliveries) {
    List<MetaInbound> items = new ArrayList<>();
    for (WebhookQueue.Delivery received : deliveries) {
      items.addAll(
          reader.read(received.body().getBytes(StandardCharsets.UTF_8), received.receivedAt()));
    }
    delivery.deliver(items);
  }

  @Override
  public void giveUp(WebhookQueue.Delivery received, String reason) {
    ingest.quarantine(
        MetaNetwork.FACEBOOK.id(),
        received.body(),
        "the webhook delivery could not be read: " + reason);
  }
}
