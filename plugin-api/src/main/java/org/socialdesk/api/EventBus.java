package org.socialdesk.api;

import java.util.function.Consumer;
import org.socialdesk.api.event.SocialdeskEvent;

/**
 * In-process notifications between the host and plugins. Delivery is asynchronous and
 * best-effort: durable state lives in the database, events only tell others it changed.
 */
public interface EventBus {

  void publish(SocialdeskEvent event);

  /**
   * Subscribes to one event type (and its subtypes). Plugins subscribe to the classes they know,
   * so an event type added in a later API version never reaches a switch compiled without it.
   */
  <E extends SocialdeskEvent> Subscription subscribe(Class<E> type, Consumer<? super E> listener);

  /** Cancels a subscription. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
