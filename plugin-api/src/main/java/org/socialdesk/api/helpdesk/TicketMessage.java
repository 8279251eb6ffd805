package org.socialdesk.api.helpdesk;

import java.util.Map;
import java.util.Objects;

/** Something added to an existing ticket. */
public sealed interface TicketMessage {

  String text();

  /** The customer's words (a later post in the conversation): a correspondence. */
  record CustomerPost(String text, Map<String, String> fields) implements TicketMessage {
    public CustomerPost {
      Objects.requireNonNull(text, "text");
      fields = Map.copyOf(Objects.requireNonNull(fields, "fields"));
    }
  }

  /** A note for agents only; never leaves the helpdesk. */
  record InternalNote(String text) implements TicketMessage {
    public InternalNote {
      Objects.requireNonNull(text, "text");
    }
  }
}
