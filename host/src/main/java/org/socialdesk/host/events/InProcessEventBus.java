package org.socialdesk.host.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.event.SocialdeskEvent;

/**
 * Delivers events to subscribers asynchronously, each subscriber in publication order on its own
 * virtual thread, so a slow listener delays only itself. A listener's exception is logged and does
 * not reach the publisher.
 *
 * <p>{@link #deliver} also waits until every listener has taken the events: the host uses it for
 * what it reads from the helpdesk, and moves its cursor past them only then (at-least-once).
 */
public final class InProcessEventBus implements EventBus, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InProcessEventBus.class);

  private final CopyOnWriteArrayList<Subscriber<?>> subscribers = new CopyOnWriteArrayList<>();

  @Override
  public void publish(SocialdeskEvent event) {
    for (Subscriber<?> subscriber : subscribers) {
      subscriber.offer(event);
    }
  }

  /**
   * Publishes {@code events} in order and waits until every interested listener has returned from
   * each of them.
   *
   * <p>A listener still busy with an earlier event for longer than {@code timeout} is hung: it is
   * not given more and counts as failed at once, so that callers retrying do not wait out the
   * timeout again for every event.
   *
   * @return true if every listener returned normally within {@code timeout}; false if one threw,
   *     did not finish in time (it goes on), is hung, or the host is stopping
   */
  public boolean deliver(List<? extends SocialdeskEvent> events, Duration timeout) {
    List<CompletableFuture<Boolean>> deliveries = new ArrayList<>();
    boolean hung = false;
    for (Subscriber<?> subscriber : subscribers) {
      if (events.stream().noneMatch(subscriber.type::isInstance)) {
        continue;
      }
      if (subscriber.busyLongerThan(timeout)) {
        log.atWarn()
            .addKeyValue("listensTo", subscriber.type.getSimpleName())
            .log("An event listener has been busy for over {}; it is not waited for", timeout);
        hung = true;
        continue;
      }
      for (SocialdeskEvent event : events) {
        deliveries.add(subscriber.offer(event));
      }
    }
    try {
      CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return !hung && deliveries.stream().allMatch(CompletableFuture::join);
    } catch (TimeoutException e) {
      log.atWarn()
          .addKeyValue("events", events.size())
          .log("Event listeners did not finish within {}", timeout);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false; // offer() completes normally; kept for the checked signature
    }
  }

  @Override
  public <E extends SocialdeskEvent> Subscription subscribe(
      Class<E> type, Consumer<? super E> listener) {
    Subscriber<E> subscriber = new Subscriber<>(type, listener);
    subscribers.add(subscriber);
    return () -> {
      subscribers.remove(subscriber);
      subscriber.executor.shutdown();
    };
  }

  @Override
  public void close() {
    subscribers.forEach(s -> s.executor.shutdown());
    subscribers.clear();
  }

  private static final class Subscriber<E extends SocialdeskEvent> {
    private final Class<E> type;
    private final Consumer<? super E> listener;
    private final ExecutorService executor =
        Executors.newSingleThreadExecutor(Thread.ofVirtual().name("event-listener-", 0).factory());

    /** {@link System#nanoTime()} when the listener started on its current event; 0 when idle. */
    private final AtomicLong busySince = new AtomicLong();

    Subscriber(Class<E> type, Consumer<? super E> listener) {
      this.type = type;
      this.listener = listener;
    }

    /** Completes with whether the listener took the event (true if it is not of this type). */
    CompletableFuture<Boolean> offer(SocialdeskEvent event) {
      if (!type.isInstance(event)) {
        return CompletableFuture.completedFuture(true);
      }
      E typed = type.cast(event);
      CompletableFuture<Boolean> taken = new CompletableFuture<>();
      try {
        executor.execute(() -> taken.complete(deliver(typed)));
      } catch (RejectedExecutionException e) {
        taken.complete(false); // unsubscribed or stopping
      }
      return taken;
    }

    boolean busyLongerThan(Duration timeout) {
      long since = busySince.get();
      return since != 0 && System.nanoTime() - since > timeout.toNanos();
    }

    private boolean deliver(E event) {
      busySince.set(System.nanoTime());
      try {
        listener.accept(event);
        return true;
      } catch (RuntimeException e) {
        log.atWarn().addKeyValue("event", event.type()).setCause(e).log("Event listener failed");
        return false;
      } finally {
        busySince.set(0);
      }
    }
  }
}
