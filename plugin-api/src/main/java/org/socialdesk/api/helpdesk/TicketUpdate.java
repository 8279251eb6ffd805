package org.socialdesk.api.helpdesk;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Changes to a ticket's attributes; null components are left alone. */
public record TicketUpdate(
    Integer priority, Instant due, String status, Map<String, String> fields) {

  public TicketUpdate {
    fields = Map.copyOf(Objects.requireNonNull(fields, "fields"));
  }

  public static TicketUpdate fields(Map<String, String> fields) {
    return new TicketUpdate(null, null, null, fields);
  }

  public static TicketUpdate due(Instant due) {
    return new TicketUpdate(null, due, null, Map.of());
  }

  public static TicketUpdate priority(int priority) {
    return new TicketUpdate(priority, null, null, Map.of());
  }
}
