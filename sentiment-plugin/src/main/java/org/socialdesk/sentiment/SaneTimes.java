package org.socialdesk.sentiment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.event.SocialdeskEvent.FieldChanged;
import org.socialdesk.api.event.SocialdeskEvent.PostRouted;
import org.socialdesk.api.event.SocialdeskEvent.TicketOpened;

/**
 * The events this plugin stores times from, with each time kept sane: one before 2006 (no
 * supported network existed) or more than ten minutes ahead of our clock becomes our clock's time.
 * The plugin stamps its rows with these times, and a year -999999999 or {@link Instant#MAX} is no
 * SQL timestamp.
 */
final class SaneTimes implements EventBus {

  static final Instant EARLIEST = Instant.parse("2006-01-01T00:00:00Z");
  static final Duration SKEW = Duration.ofMinutes(10);

  private final EventBus events;
  private final Clock clock;

  SaneTimes(EventBus events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  static Instant sane(Instant time, Instant now) {
    return time.isBefore(EARLIEST) || time.isAfter(now.plus(SKEW)) ? now : time;
  }

  static SocialdeskEvent sane(SocialdeskEvent event, Instant now) {
    return switch (event) {
      case PostRouted e -> new PostRouted(e.post(), e.enrichment(), e.ticket(), e.newTicket(), sane(e.at(), now));
      case FieldChanged e -> new FieldChanged(e.ticket(), e.field(), e.oldValue(), e.newValue(), e.agent(), sane(e.at(), now));
      case TicketOpened e -> new TicketOpened(e.ticket(), e.queue(), e.subject(), e.text(), e.openedBy(), sane(e.at(), now));
      default -> event;
    };
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
