package org.socialdesk.api.helpdesk;

import java.util.Objects;

/** A ticket in the helpdesk: the helpdesk's name and its id for the ticket. */
public record TicketRef(String helpdesk, String id) {

  public TicketRef {
    Objects.requireNonNull(helpdesk, "helpdesk");
    Objects.requireNonNull(id, "id");
  }

  @Override
  public String toString() {
    return helpdesk + "#" + id;
  }
}
