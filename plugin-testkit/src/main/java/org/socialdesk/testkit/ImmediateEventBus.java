package org.socialdesk.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.event.SocialdeskEvent;

/**
 * Delivers each event at once, on the publishing thread, and keeps what was published. A listener's
 * exception comes out of {@link #publish}, so a test sees it fail rather than a log line.
 */
public final class ImmediateEventBus implements EventBus {

  private record Listener(Class<?> type, Consumer<Object> consumer) {}

  private final List<SocialdeskEvent> published = new ArrayList<>();
  private final List<Listener> listeners = new ArrayList<>();

  @Override
  public synchronized void publish(SocialdeskEvent event) {
    published.add(event);
    for (Listener listener : List.copyOf(listeners)) {
      if (listener.type().isInstance(event)) {
        listener.consumer().accept(event);
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <E extends SocialdeskEvent> Subscription subscribe(
      Class<E> type, Consumer<? super E> listener) {
    Listener entry = new Listener(type, event -> ((Consumer<Object>) listener).accept(event));
    listeners.add(entry);
    return () -> {
      synchronized (this) {
        listeners.remove(entry);
      }
    };
  }

  /** Everything published so far, in order. */
  public synchronized List<SocialdeskEvent> published() {
    return List.copyOf(published);
  }
}
