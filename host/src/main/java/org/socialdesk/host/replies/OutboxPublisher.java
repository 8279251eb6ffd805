package org.socialdesk.host.replies;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.Metrics;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.host.cluster.Instances;
import org.socialdesk.host.conversations.Conversations;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.plugin.Extensions;

/**
 * Publishes outbox parts, at most once each: a part is claimed as {@code publishing} before the
 * network call, and a split reply's part n+1 answers part n. A temporary refusal (429, outage)
 * waits and tries again; nothing is dropped.
 *
 * <p>The publisher tells the workflow when a reply's last part is final: the transaction that
 * records it also moves the reply to {@code outbox-done} (durable: after a crash right after it,
 * any instance's workflow claims the reply and reports it once), and {@code replyDone} wakes the
 * workflow at once. The part carries the post it answers, so nothing is looked up again.
 *
 * <p>A reply's {@code ReplyPublished} event (it stops the SLA clocks) reaches the plugins before
 * the part is recorded as published: after a crash in between, a network that deduplicates is asked
 * again, answers with the same post, and the event comes again. A listener that fails gets it up to
 * {@link #DELIVERY_TRIES} times; the reply itself is out either way.
 */
final class OutboxPublisher {

  private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
  static final int DELIVERY_TRIES = 3;
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DELIVERY_PAUSE = Duration.ofMillis(500);
  private final Outbox outbox;
  private final Instances instances;
  private final Conversations conversations;
  private final Extensions extensions;
  private final InProcessEventBus events;
  private final Metrics metrics;
  private final Clock clock;
  private final String helpdesk;
  private final Runnable replyDone;

  /**
   * @param replyDone called once a reply's last part is final (and the reply handed back to the
   *     workflow in the same commit), so that the workflow reports it at once
   */
  OutboxPublisher(
      Outbox outbox,
      Instances instances,
      Conversations conversations,
      Extensions extensions,
      InProcessEventBus events,
      Metrics metrics,
      Clock clock,
      String helpdesk,
      Runnable replyDone) {
    this.outbox = outbox;
    this.instances = instances;
    this.conversations = conversations;
    this.extensions = extensions;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.helpdesk = helpdesk;
    this.replyDone = replyDone;
  }

  int processOnce() {
    List<Outbox.Part> parts = outbox.claimReady(clock.instant(), instances.id(), 20);
    parts.forEach(this::publish);
    return parts.size();
  }

  /**
   * Parts a dead process left mid-publication: retried only where the network deduplicates,
   * otherwise reported as unknown so that an agent checks rather than the brand posting twice. One
   * instance takes each part up (the others find it taken), and logs it.
   */
  void recoverAbandoned() {
    for (Outbox.Part part : outbox.abandoned(instances.aliveSince())) {
      boolean idempotent =
          extensions
              .channel(part.network())
              .map(ChannelConnector::publishesIdempotently)
              .orElse(false);
      String reason =
          idempotent
              ? "resumed after an interrupted publication"
              : "interrupted while publishing part " + part.partNo() + " of " + part.partCount();
      if (outbox.takeUpAbandoned(part, idempotent, clock.instant(), reason)) {
        if (!idempotent) {
          replyDone.run();
        }
        log.atInfo()
            .addKeyValue("ticket", part.ticketId())
            .addKeyValue("transaction", part.transactionId())
            .addKeyValue("from", part.claimedBy())
            .log(
                "Took over part {} of {} of a reply on ticket {} from instance {}, whose heartbeat stopped ({}): {}",
                part.partNo(),
                part.partCount(),
                part.ticketId(),
                part.claimedBy(),
                instances.silenceOf(part.claimedBy()),
                idempotent
                    ? "published again, as " + part.network() + " deduplicates"
                    : "reported unknown, as " + part.network() + " may publish it twice");
      }
    }
  }

  private void publish(Outbox.Part part) {
    Optional<ReplyPublisher> publisher =
        extensions.channel(part.network()).flatMap(ChannelConnector::publisher);
    SocialPost answering = part.answering();
    if (publisher.isEmpty() || answering == null) {
      finish(part, PartState.FAILED, "no channel can publish on " + part.network());
      return;
    }
    PostKey inReplyTo = new PostKey(part.network(), inReplyTo(part));
    OutgoingReply reply =
        new OutgoingReply(
            part.idempotencyKey(),
            inReplyTo,
            answering.conversationId(),
            answering.author(),
            part.visibility(),
            part.text());
    PublishOutcome outcome;
    try {
      outcome = publisher.get().publish(reply);
    } catch (RuntimeException e) {
      log.atError()
          .addKeyValue("ticket", part.ticketId())
          .setCause(e)
          .log("Publisher failed without an answer; outcome unknown");
      finish(part, PartState.UNKNOWN, "the publisher failed without an answer: " + e.getMessage());
      return;
    }
    record(part, answering, outcome);
  }

  private void record(Outbox.Part part, SocialPost answering, PublishOutcome outcome) {
    switch (outcome) {
      case PublishOutcome.Published published -> {
        if (part.isLast()) {
          announce(
              new SocialdeskEvent.ReplyPublished(
                  new TicketRef(helpdesk, part.ticketId()),
                  answering.key(),
                  published.remoteId(),
                  published.url() == null ? null : URI.create(published.url().toString()),
                  part.visibility(),
                  part.agent(),
                  published.at()));
        }
        Instant now = clock.instant();
        // The brand's own post joins the ticket, so that a customer answering it lands there too.
        outbox.published(
            part,
            published.remoteId(),
            published.url() == null ? null : published.url().toString(),
            published.at(),
            now,
            tx ->
                conversations.recordPost(
                    tx,
                    new PostKey(part.network(), published.remoteId()),
                    answering.conversationId(),
                    part.ticketId(),
                    true,
                    now));
        if (part.isLast()) {
          replyDone.run();
        }
        metrics.counter("socialdesk.outbox.published", "network", part.network()).increment();
      }
      case PublishOutcome.RetryLater later -> {
        Instant at = clock.instant().plus(later.after());
        outbox.retryAt(part.id(), at, later.reason());
        log.atInfo()
            .addKeyValue("ticket", part.ticketId())
            .addKeyValue("retryAt", at)
            .log("Network asked to retry: {}", later.reason());
        metrics.counter("socialdesk.outbox.retries", "network", part.network()).increment();
      }
      case PublishOutcome.Rejected rejected -> {
        finish(part, PartState.FAILED, rejected.reason());
        metrics.counter("socialdesk.outbox.rejected", "network", part.network()).increment();
      }
    }
  }

  /** Ends the part and its reply, and tells the workflow. */
  private void finish(Outbox.Part part, PartState state, String reason) {
    outbox.finish(part, state, reason, clock.instant());
    replyDone.run();
  }

  private void announce(SocialdeskEvent.ReplyPublished published) {
    for (int attempt = 1; attempt <= DELIVERY_TRIES; attempt++) {
      if (events.deliver(List.of(published), DELIVERY_TIMEOUT)) {
        return;
      }
      if (attempt < DELIVERY_TRIES) {
        try {
          Thread.sleep(DELIVERY_PAUSE.multipliedBy(attempt));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    log.atError()
        .addKeyValue("ticket", published.ticket())
        .log(
            "A plugin failed {} times to take the published reply; its SLA clocks may still run",
            DELIVERY_TRIES);
  }

  /**
   * A part continues the thread of the part before it when both are in the same place (a split
   * public reply); the first part, and a public note after a private message, answer the customer's
   * post.
   */
  private String inReplyTo(Outbox.Part part) {
    if (part.partNo() == 1) {
      return part.answeringPostId();
    }
    Outbox.Part previous =
        outbox.partsOf(part.ticketId(), part.transactionId()).stream()
            .filter(p -> p.partNo() == part.partNo() - 1)
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("part " + (part.partNo() - 1) + " is missing"));
    if (previous.visibility() != part.visibility()) {
      return part.answeringPostId();
    }
    if (previous.remoteId() == null) {
      throw new IllegalStateException("part " + previous.partNo() + " has no remote id");
    }
    return previous.remoteId();
  }
}
