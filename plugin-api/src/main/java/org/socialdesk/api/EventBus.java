package org.socialdesk.api;

import java.util.function.Consumer;
import org.socialdesk.api.event.SocialdeskEvent;

/**
 * In-process notifications between the host and plugins, delivered asynchronously, each listener in
 * publication order.
 *
 * <p>A routed post ({@link SocialdeskEvent.PostRouted}, {@link SocialdeskEvent.PostChanged}) and
 * what the host reads from the helpdesk ({@link SocialdeskEvent.TicketOpened}, {@link
 * SocialdeskEvent.AgentReplied}, {@link SocialdeskEvent.TicketStatusChanged}, {@link
 * SocialdeskEvent.FieldChanged}) are delivered <em>at least once</em>: the host moves past them
 * only after every listener has returned, and delivers them again if a listener threw or the host
 * stopped first (three tries, then it is logged as lost). A published reply ({@link
 * SocialdeskEvent.ReplyPublished}) is delivered before the host records it, up to three times if a
 * listener throws, and again after a crash where the network deduplicates (the host then asks it
 * again). Listeners of these events therefore keep what they need before returning and are
 * idempotent. Other events (replies stopped, SLA alerts) are best-effort: durable state lives in
 * the database, they only tell others it changed.
 */
public interface EventBus {

  void publish(SocialdeskEvent event);

  /**
   * Subscribes to one event type (and its subtypes). Plugins subscribe to the classes they know, so
   * an event type added in a later API version never reaches a switch compiled without it.
   */
  <E extends SocialdeskEvent> Subscription subscribe(Class<E> type, Consumer<? super E> listener);

  /** Cancels a subscription. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
