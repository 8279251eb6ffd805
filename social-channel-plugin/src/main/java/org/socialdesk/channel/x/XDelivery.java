package org.socialdesk.channel.x;

import java.util.List;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;

/**
 * Hands what was read to the host's {@link Ingest}, in the order given. Each call returns only once
 * the event is stored; an {@link Ingest.IngestUnavailableException} stops the delivery and reaches
 * the caller, which then must not advance its cursor or acknowledge the webhook.
 */
final class XDelivery {

  private final Ingest ingest;

  XDelivery(Ingest ingest) {
    this.ingest = ingest;
  }

  /**
   * @return how many events the host stored for the first time (what went into quarantine is not
   *     counted)
   */
  int deliver(List<XInbound> items) {
    int stored = 0;
    for (XInbound item : items) {
      if (item instanceof XInbound.Unreadable unreadable) {
        ingest.quarantine(XPostReader.NETWORK, unreadable.payload(), unreadable.reason());
      } else if (deliver(item) == Ingest.Accepted.STORED) {
        stored++;
      }
    }
    return stored;
  }

  private Ingest.Accepted deliver(XInbound item) {
    return switch (item) {
      case XInbound.Post post -> ingest.accept(new InboundEvent.NewPost(post.post()));
      case XInbound.Edit edit -> {
        Ingest.Accepted asNew = ingest.accept(new InboundEvent.NewPost(edit.latest()));
        yield asNew == Ingest.Accepted.STORED ? asNew : ingest.accept(edit.edit());
      }
      case XInbound.Deleted deleted -> ingest.accept(deleted.deleted());
      case XInbound.Unreadable unreadable ->
          throw new IllegalArgumentException("quarantined, not accepted");
    };
  }
}
