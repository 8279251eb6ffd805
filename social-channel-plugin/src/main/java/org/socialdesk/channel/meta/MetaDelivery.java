package org.socialdesk.channel.meta;

import java.util.List;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;

/**
 * Stores what was read: first the channel's own record of it ({@code meta_item}, the whole delivery in
 * one transaction), then each event in the host's inbox, each call returning only once stored. An {@link Ingest.IngestUnavailableException}
 * stops the delivery and reaches the caller, which then must not acknowledge the webhook or advance
 * a cursor; a redelivery finds the items recorded and the events duplicates, so nothing is made twice.
 */
final class MetaDelivery {

  private final Ingest ingest;
  private final MetaItems items;

  MetaDelivery(Ingest ingest, MetaItems items) {
    this.ingest = ingest;
    this.items = items;
  }

  /** @return how many events the host stored for the first time */
  int deliver(List<MetaInbound> inbound) {
    items.recordAll(inbound.stream().filter(MetaInbound.Post.class::isInstance).map(post -> ((MetaInbound.Post) post).item()).toList());
    int stored = 0;
    for (MetaInbound item : inbound) {
      if (deliver(item) == Ingest.Accepted.STORED) {
        stored++;
      }
    }
    return stored;
  }

  private Ingest.Accepted deliver(MetaInbound item) {
    return switch (item) {
      case MetaInbound.Post post -> ingest.accept(new InboundEvent.NewPost(post.post()));
      case MetaInbound.Edit edit -> ingest.accept(edit.edit());
      case MetaInbound.Deleted deleted -> ingest.accept(deleted.deleted());
      case MetaInbound.Hidden hidden -> {
        items.setHidden(hidden.network(), hidden.id(), hidden.hidden(), hidden.note().editedAt());
        yield ingest.accept(hidden.note());
      }
      case MetaInbound.Unreadable unreadable -> {
        ingest.quarantine(unreadable.network().id(), unreadable.payload(), unreadable.reason());
        yield Ingest.Accepted.DUPLICATE;
      }
    };
  }
}
