package org.socialdesk.sla.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.event.SocialdeskEvent.PostChanged;
import org.socialdesk.api.event.SocialdeskEvent.PostRouted;
import org.socialdesk.api.event.SocialdeskEvent.ReplyPublished;
import org.socialdesk.api.event.SocialdeskEvent.TicketStatusChanged;
import org.socialdesk.api.social.SocialPost;

/**
 * The plugin's own guard on the times it is given: a time before 2006 (no supported network
 * existed) or more than ten minutes ahead of our clock becomes our clock's time. The host already
 * dates such posts at receipt, but a clock started at year -999999999 is an SQL error, one at
 * {@link Instant#MAX} overflows, and one in 2099 never comes due, so the plugin does not rely on it.
 */
public final class SaneTimes implements EventBus {

  static final Instant EARLIEST = Instant.parse("2006-01-01T00:00:00Z");
  static final Duration SKEW = Duration.ofMinutes(10);
  /** The latest time a report may ask about: SQL timestamps end at year 9999 on some databases. */
  static final Instant LATEST_REPORTED = Instant.parse("9999-12-31T23:59:59Z");

  private final EventBus events;
  private final Clock clock;

  public SaneTimes(EventBus events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /** {@code time}, or {@code now} when it lies outside the window. */
  public static Instant sane(Instant time, Instant now) {
    return time.isBefore(EARLIEST) || time.isAfter(now.plus(SKEW)) ? now : time;
  }

  static SocialPost sane(SocialPost post, Instant now) {
    Instant postedAt = sane(post.postedAt(), now);
    return postedAt.equals(post.postedAt()) ? post : new SocialPost(post.key(), post.conversationId(), post.inReplyToId(), post.author(),
        post.text(), postedAt, post.visibility(), post.url(), post.engagement(), post.attributes());
  }

  /** The event with its times made sane; events whose times the plugin does not read are left alone. */
  static SocialdeskEvent sane(SocialdeskEvent event, Instant now) {
    return switch (event) {
      case PostRouted e -> new PostRouted(sane(e.post(), now), e.enrichment(), e.ticket(), e.newTicket(), sane(e.at(), now));
      case PostChanged e -> new PostChanged(e.post(), e.ticket(), e.deleted(), sane(e.at(), now));
      case TicketStatusChanged e ->
          new TicketStatusChanged(e.ticket(), e.oldStatus(), e.newStatus(), e.closes(), e.agent(), sane(e.at(), now));
      case ReplyPublished e ->
          new ReplyPublished(e.ticket(), e.answered(), e.remoteId(), e.url(), e.visibility(), e.agent(), sane(e.at(), now));
      default -> event;
    };
  }

  /** A report's bound, kept within what SQL timestamps hold. */
  public static Instant reportable(Instant time) {
    return time.isBefore(EARLIEST) ? EARLIEST : time.isAfter(LATEST_REPORTED) ? LATEST_REPORTED : time;
  }

  @Override
  public void publish(SocialdeskEvent event) {
    events.publish(event);
  }

  @Override
  public <E extends SocialdeskEvent> Subscription subscribe(Class<E> type, Consumer<? super E> listener) {
    return events.subscribe(type, event -> listener.accept(type.cast(sane(event, clock.instant()))));
  }
}
