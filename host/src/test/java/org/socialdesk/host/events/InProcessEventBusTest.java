package org.socialdesk.host.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.TicketRef;

class InProcessEventBusTest {

  private final InProcessEventBus bus = new InProcessEventBus();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    bus.close();
  }

  @Test
  void deliverReturnsOnceEveryInterestedListenerHasTakenTheEventsInOrder() {
    List<String> taken = new CopyOnWriteArrayList<>();
    bus.subscribe(
        SocialdeskEvent.TicketOpened.class, opened -> taken.add("opened " + opened.ticket().id()));
    bus.subscribe(
        SocialdeskEvent.AgentReplied.class,
        replied -> taken.add("replied " + replied.ticket().id()));

    boolean delivered =
        bus.deliver(List.of(opened("1"), replied("1"), opened("2")), Duration.ofSeconds(5));

    assertThat(delivered).isTrue();
    assertThat(taken).containsExactlyInAnyOrder("opened 1", "replied 1", "opened 2");
    assertThat(taken.stream().filter(t -> t.startsWith("opened")).toList())
        .containsExactly("opened 1", "opened 2");
  }

  @Test
  void aListenerThatThrowsMakesTheDeliveryFailWhileTheOthersStillGetTheEvent() {
    List<String> taken = new CopyOnWriteArrayList<>();
    bus.subscribe(
        SocialdeskEvent.TicketOpened.class,
        opened -> {
          throw new IllegalStateException("plugin database is down");
        });
    bus.subscribe(SocialdeskEvent.TicketOpened.class, opened -> taken.add(opened.ticket().id()));

    assertThat(bus.deliver(List.of(opened("3")), Duration.ofSeconds(5))).isFalse();
    assertThat(taken).containsExactly("3");
  }

  @Test
  void aListenerStillBusyAtTheTimeoutMakesTheDeliveryFail() {
    bus.subscribe(
        SocialdeskEvent.TicketOpened.class,
        opened -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });

    assertThat(bus.deliver(List.of(opened("4")), Duration.ofMillis(100))).isFalse();
  }

  @Test
  void aListenerHungOnAnEarlierEventFailsTheNextDeliveryAtOnceWhileOthersAreUnaffected()
      throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    bus.subscribe(
        SocialdeskEvent.TicketOpened.class,
        opened -> {
          started.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    List<String> replies = new CopyOnWriteArrayList<>();
    bus.subscribe(
        SocialdeskEvent.AgentReplied.class, replied -> replies.add(replied.ticket().id()));
    assertThat(bus.deliver(List.of(opened("6")), Duration.ofMillis(50))).isFalse();
    started.await();
    Thread.sleep(300); // busy for longer than the next call's timeout

    long start = System.nanoTime();
    boolean second = bus.deliver(List.of(opened("7")), Duration.ofMillis(200));
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    boolean reply = bus.deliver(List.of(replied("8")), Duration.ofSeconds(5));

    assertThat(second).isFalse();
    assertThat(waited).as("not waited out again").isLessThan(Duration.ofMillis(200));
    assertThat(reply).as("a listener of other events is not held up by the hung one").isTrue();
    assertThat(replies).containsExactly("8");
  }

  @Test
  void eventsNoListenerWantsAreDeliveredAtOnce() {
    bus.subscribe(
        SocialdeskEvent.AgentReplied.class,
        replied -> {
          throw new IllegalStateException("never called for an opened ticket");
        });

    assertThat(bus.deliver(List.of(opened("5")), Duration.ofMillis(100))).isTrue();
  }

  private static SocialdeskEvent.TicketOpened opened(String id) {
    return new SocialdeskEvent.TicketOpened(
        new TicketRef("rt", id), "General", "Subject", "Text", "customer", Instant.now());
  }

  private static SocialdeskEvent.AgentReplied replied(String id) {
    return new SocialdeskEvent.AgentReplied(
        new TicketRef("rt", id), "tx" + id, "agent", Instant.now());
  }
}
