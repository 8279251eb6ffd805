package org.socialdesk.api.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.event.SocialdeskEvent.AgentReplied;
import org.socialdesk.api.event.SocialdeskEvent.FieldChanged;
import org.socialdesk.api.event.SocialdeskEvent.PostChanged;
import org.socialdesk.api.event.SocialdeskEvent.PostRouted;
import org.socialdesk.api.event.SocialdeskEvent.ReplyPublished;
import org.socialdesk.api.event.SocialdeskEvent.ReplyStopped;
import org.socialdesk.api.event.SocialdeskEvent.TicketOpened;
import org.socialdesk.api.event.SocialdeskEvent.TicketStatusChanged;
import org.socialdesk.api.social.SocialPost;

/**
 * The window of times Socialdesk believes: from 2006 (Twitter, the oldest network it reads) to ten
 * minutes past "now" (another clock's skew). Networks send any instant, and one outside the window
 * breaks what counts from it: a year -999999999 is no SQL timestamp, {@link Instant#MAX} overflows,
 * a post from 2099 never reaches its SLA. The host dates such posts at receipt; a plugin that
 * stores times subscribes through {@link #guarding} so it never depends on that.
 *
 * @since 1.2
 */
public final class PlausibleTimes {

  /** The earliest time believed: 2006-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("2006-01-01T00:00:00Z");

  /** How far ahead of our clock another clock may run. */
  public static final Duration SKEW = Duration.ofMinutes(10);

  private PlausibleTimes() {}

  public static boolean isPlausible(Instant time, Instant now) {
    return !time.isBefore(EARLIEST) && !time.isAfter(now.plus(SKEW));
  }

  /** {@code time}, or {@code now} when it lies outside the window. */
  public static Instant orNow(Instant time, Instant now) {
    return isPlausible(time, now) ? time : now;
  }

  /** The post, dated {@code now} when its time lies outside the window. */
  public static SocialPost orNow(SocialPost post, Instant now) {
    return isPlausible(post.postedAt(), now)
        ? post
        : new SocialPost(
            post.key(),
            post.conversationId(),
            post.inReplyToId(),
            post.author(),
            post.text(),
            now,
            post.visibility(),
            post.url(),
            post.engagement(),
            post.attributes());
  }

  /** The event with every time it carries (and its post's) brought into the window. */
  public static SocialdeskEvent orNow(SocialdeskEvent event, Instant now) {
    return switch (event) {
      case PostRouted e ->
          new PostRouted(
              orNow(e.post(), now), e.enrichment(), e.ticket(), e.newTicket(), orNow(e.at(), now));
      case PostChanged e -> new PostChanged(e.post(), e.ticket(), e.deleted(), orNow(e.at(), now));
      case AgentReplied e ->
          new AgentReplied(e.ticket(), e.transactionId(), e.agent(), orNow(e.at(), now));
      case FieldChanged e ->
          new FieldChanged(
              e.ticket(), e.field(), e.oldValue(), e.newValue(), e.agent(), orNow(e.at(), now));
      case TicketOpened e ->
          new TicketOpened(
              e.ticket(), e.queue(), e.subject(), e.text(), e.openedBy(), orNow(e.at(), now));
      case TicketStatusChanged e ->
          new TicketStatusChanged(
              e.ticket(), e.oldStatus(), e.newStatus(), e.closes(), e.agent(), orNow(e.at(), now));
      case ReplyPublished e ->
          new ReplyPublished(
              e.ticket(),
              e.answered(),
              e.remoteId(),
              e.url(),
              e.visibility(),
              e.agent(),
              orNow(e.at(), now));
      case ReplyStopped e ->
          new ReplyStopped(
              e.ticket(), e.transactionId(), e.outcome(), e.reason(), orNow(e.at(), now));
      default -> event;
    };
  }

  /**
   * The bus as a plugin should see it: every event delivered with its times in the window of {@code
   * clock}'s now.
   */
  public static EventBus guarding(EventBus events, Clock clock) {
    return new EventBus() {
      @Override
      public void publish(SocialdeskEvent event) {
        events.publish(event);
      }

      @Override
      public <E extends SocialdeskEvent> Subscription subscribe(
          Class<E> type, Consumer<? super E> listener) {
        return events.subscribe(
            type, event -> listener.accept(type.cast(orNow(event, clock.instant()))));
      }
    };
  }
}
