package org.socialdesk.host.events;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.event.SocialdeskEvent;

/**
 * Delivers events to subscribers asynchronously, each subscriber in publication order on its own
 * virtual thread, so a slow listener delays only itself. A listener's exception is logged and
 * does not reach the publisher.
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

  @Override
  public <E extends SocialdeskEvent> Subscription subscribe(Class<E> type, Consumer<? super E> listener) {
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

    Subscriber(Class<E> type, Consumer<? super E> listener) {
      this.type = type;
      this.listener = listener;
    }

    void offer(SocialdeskEvent event) {
      if (!type.isInstance(event) || executor.isShutdown()) {
        return;
      }
      E typed = type.cast(event);
      executor.execute(() -> deliver(typed));
    }

    private void deliver(E event) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        log.atWarn().addKeyValue("event", event.type()).setCause(e).log("Event listener failed");
      }
    }
  }
}
