package org.socialdesk.sla;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.event.SocialdeskEvent;

/** Delivers events at once, on the publishing thread, and keeps what was published. */
public final class FakeEventBus implements EventBus {

  private record Listener(Class<?> type, Consumer<Object> consumer) {}

  public final List<SocialdeskEvent> published = new ArrayList<>();
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
  public synchronized <E extends SocialdeskEvent> Subscription subscribe(Class<E> type, Consumer<? super E> listener) {
    Listener entry = new Listener(type, event -> ((Consumer<Object>) listener).accept(event));
    listeners.add(entry);
    return () -> {
      synchronized (this) {
        listeners.remove(entry);
      }
    };
  }
}
