package org.socialdesk.channel.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;

/**
 * Stores what was read: first the channel's own record of it ({@code meta_item}, the whole delivery
 * in one transaction), then each event in the host's inbox, each call returning only once stored.
 * An {@link Ingest.IngestUnavailableException} stops the delivery and reaches the caller, which
 * then must not acknowledge the webhook or advance a cursor; a redelivery finds the items recorded
 * and the events duplicates, so nothing is made twice.
 */
final class MetaDelivery {

  private final Ingest ingest;
  private final MetaItems items;
  private final MetaHiddenNotes hiddenNotes;

  MetaDelivery(Ingest ingest, MetaItems items, MetaHiddenNotes hiddenNotes) {
    this.ingest = ingest;
    this.items = items;
    this.hiddenNotes = hiddenNotes;
  }

  /**
   * @return how many events the host stored for the first time
   */
  int deliver(List<MetaInbound> inbound) {
    items.recordAll(
        inbound.stream()
            .filter(MetaInbound.Post.class::isInstance)
            .map(post -> ((MetaInbound.Post) post).item())
            .toList());
    if (inbound.size() <= 1) {
      return inbound.isEmpty() || deliver(inbound.getFirst()) != Ingest.Accepted.STORED ? 0 : 1;
    }
    return deliverTogether(inbound);
  }

  /**
   * Hands a delivery's events to the host at once, each on a virtual thread, so that they share the
   * inbox's group commit instead of waiting for one commit each (the host orders a conversation's
   * posts itself, and a reply stored before its parent waits for it). Returns when all are stored;
   * if any could not be, that failure reaches the caller, which must not acknowledge: Meta delivers
   * again and what was stored is then a duplicate.
   */
  private int deliverTogether(List<MetaInbound> inbound) {
    List<Future<Ingest.Accepted>> answers = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (MetaInbound item : inbound) {
        answers.add(executor.submit(() -> deliver(item)));
      }
    }
    int stored = 0;
    RuntimeException failure = null;
    for (Future<Ingest.Accepted> answer : answers) {
      try {
        stored += answer.get() == Ingest.Accepted.STORED ? 1 : 0;
      } catch (ExecutionException e) {
        failure =
            e.getCause() instanceof RuntimeException runtime
                ? runtime
                : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure =
            new Ingest.IngestUnavailableException(
                "interrupted while storing a webhook delivery", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return stored;
  }

  private Ingest.Accepted deliver(MetaInbound item) {
    return switch (item) {
      case MetaInbound.Post post -> ingest.accept(new InboundEvent.NewPost(post.post()));
      case MetaInbound.Edit edit -> ingest.accept(edit.edit());
      case MetaInbound.Deleted deleted -> ingest.accept(deleted.deleted());
      case MetaInbound.Hidden hidden ->
          hiddenNotes.record(hidden.network(), hidden.id(), hidden.hidden(), hidden.at())
              ? Ingest.Accepted.STORED
              : Ingest.Accepted.DUPLICATE;
      case MetaInbound.Unreadable unreadable -> {
        ingest.quarantine(unreadable.network().id(), unreadable.payload(), unreadable.reason());
        yield Ingest.Accepted.DUPLICATE;
      }
    };
  }
}
