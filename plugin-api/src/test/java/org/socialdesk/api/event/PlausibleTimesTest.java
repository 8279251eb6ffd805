package org.socialdesk.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.helpdesk.TicketRef;

class PlausibleTimesTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final TicketRef TICKET = new TicketRef("rt", "7");

  @Test
  void theWindowRunsFrom2006ToTenMinutesAfterNow() {
    assertThat(PlausibleTimes.isPlausible(Instant.parse("2006-01-01T00:00:00Z"), NOW)).isTrue();
    assertThat(PlausibleTimes.isPlausible(NOW.plusSeconds(600), NOW)).isTrue();
    assertThat(PlausibleTimes.isPlausible(Instant.parse("2005-12-31T23:59:59Z"), NOW)).isFalse();
    assertThat(PlausibleTimes.isPlausible(NOW.plusSeconds(601), NOW)).isFalse();
    assertThat(PlausibleTimes.isPlausible(Instant.MIN, NOW)).isFalse();
    assertThat(PlausibleTimes.isPlausible(Instant.MAX, NOW)).isFalse();
  }

  @Test
  void aListenerBehindTheGuardSeesNowForATimeOutsideTheWindowAndTheTimeItselfInside() {
    List<SocialdeskEvent> seen = new ArrayList<>();
    RecordingBus bus = new RecordingBus();
    PlausibleTimes.guarding(bus, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))
        .subscribe(SocialdeskEvent.FieldChanged.class, seen::add);

    Instant hourAgo = NOW.minusSeconds(3600);
    bus.deliver(
        new SocialdeskEvent.FieldChanged(
            TICKET, "Sentiment", "negative", "neutral", "alice", Instant.MIN));
    bus.deliver(
        new SocialdeskEvent.FieldChanged(
            TICKET,
            "Sentiment",
            "negative",
            "neutral",
            "alice",
            Instant.parse("+999999999-12-31T23:59:59Z")));
    bus.deliver(
        new SocialdeskEvent.FieldChanged(
            TICKET, "Sentiment", "negative", "neutral", "alice", hourAgo));

    assertThat(seen).extracting(SocialdeskEvent::at).containsExactly(NOW, NOW, hourAgo);
  }

  /** A bus that hands whatever a test delivers to its one subscriber. */
  private static final class RecordingBus implements EventBus {
    private Consumer<SocialdeskEvent> subscriber = event -> {};

    @Override
    public void publish(SocialdeskEvent event) {
      deliver(event);
    }

    void deliver(SocialdeskEvent event) {
      subscriber.accept(event);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends SocialdeskEvent> Subscription subscribe(
        Class<E> type, Consumer<? super E> listener) {
      subscriber = event -> ((Consumer<SocialdeskEvent>) listener).accept(event);
      return () -> subscriber = event -> {};
    }
  }
}
