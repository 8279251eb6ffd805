package org.socialdesk.api.helpdesk;

import java.time.Instant;
import java.util.Objects;

/**
 * Something an agent did on a ticket, read from the helpdesk's history. Socialdesk's own actions
 * are never reported back.
 */
public sealed interface TicketActivity {

  TicketRef ticket();

  /** The helpdesk's id of the transaction; increases over time. */
  String transactionId();

  /** The agent's login name. */
  String agent();

  Instant at();

  /** A reply to the customer (Correspond in Request Tracker): it goes to the network. */
  record Replied(TicketRef ticket, String transactionId, String agent, Instant at, String text)
      implements TicketActivity {
    public Replied {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(transactionId, "transactionId");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(text, "text");
    }
  }

  /** An internal comment: it never leaves the helpdesk, but may carry a command. */
  record Commented(TicketRef ticket, String transactionId, String agent, Instant at, String text)
      implements TicketActivity {
    public Commented {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(transactionId, "transactionId");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A ticket opened by someone other than Socialdesk (an e-mail, the web form) in a queue
   * Socialdesk watches for tagging; {@code agent} is whoever opened it.
   *
   * @since API 1.1
   */
  record Opened(
      TicketRef ticket,
      String transactionId,
      String agent,
      Instant at,
      String queue,
      String subject,
      String text)
      implements TicketActivity {
    public Opened {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(transactionId, "transactionId");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(queue, "queue");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(text, "text");
    }
  }

  /** An agent changed the ticket's status (e.g. resolved it). */
  record StatusChanged(
      TicketRef ticket,
      String transactionId,
      String agent,
      Instant at,
      String oldStatus,
      String newStatus)
      implements TicketActivity {
    public StatusChanged {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(transactionId, "transactionId");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(newStatus, "newStatus");
    }

    /** Whether the ticket is done with: resolved, rejected or deleted. */
    public boolean closes() {
      return newStatus.equals("resolved")
          || newStatus.equals("rejected")
          || newStatus.equals("deleted");
    }
  }

  /** A field changed by an agent (a corrected Sentiment, an approval). */
  record FieldChanged(
      TicketRef ticket,
      String transactionId,
      String agent,
      Instant at,
      String field,
      String oldValue,
      String newValue)
      implements TicketActivity {
    public FieldChanged {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(transactionId, "transactionId");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(field, "field");
    }
  }
}
