package org.socialdesk.api.event;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

/**
 * Everything that happens to a social conversation. Each variant has a stable {@link #type()} name,
 * so stored or streamed events survive class renames.
 */
public sealed interface SocialdeskEvent {

  /** A stable, dotted name for the event kind, e.g. {@code ticket.opened}. */
  String type();

  /** When it happened. */
  Instant at();

  /** A customer's post reached its ticket (new ticket or appended). */
  record PostRouted(
      SocialPost post, Enrichment enrichment, TicketRef ticket, boolean newTicket, Instant at)
      implements SocialdeskEvent {
    public PostRouted {
      Objects.requireNonNull(post, "post");
      Objects.requireNonNull(enrichment, "enrichment");
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
      return "post.routed";
    }
  }

  /** The customer edited or deleted a post that has a ticket. */
  record PostChanged(PostKey post, TicketRef ticket, boolean deleted, Instant at)
      implements SocialdeskEvent {
    public PostChanged {
      Objects.requireNonNull(post, "post");
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
      return "post.changed";
    }
  }

  /** An agent replied in the helpdesk; the reply now goes through the policies. */
  record AgentReplied(TicketRef ticket, String transactionId, String agent, Instant at)
      implements SocialdeskEvent {
    public AgentReplied {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(transactionId, "transactionId");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
      return "reply.received";
    }
  }

  /** An agent changed a ticket field (a corrected Sentiment, an approval). */
  record FieldChanged(
      TicketRef ticket, String field, String oldValue, String newValue, String agent, Instant at)
      implements SocialdeskEvent {
    public FieldChanged {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
      return "ticket.field-changed";
    }
  }

  /**
   * A ticket Socialdesk did not make (an e-mail, the web form) opened in one of the queues the
   * admin asked Socialdesk to watch ({@code helpdesk.rt.tag-queues}), so that a plugin can tag it.
   *
   * @param text the ticket's first message as plain text
   * @param openedBy the helpdesk's name of whoever opened it
   * @since API 1.1
   */
  record TicketOpened(
      TicketRef ticket, String queue, String subject, String text, String openedBy, Instant at)
      implements SocialdeskEvent {
    public TicketOpened {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(queue, "queue");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(openedBy, "openedBy");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
      return "ticket.opened";
    }
  }

  /** An agent changed a ticket's status; resolving it stops its resolution clock. */
  record TicketStatusChanged(
      TicketRef ticket,
      String oldStatus,
      String newStatus,
      boolean closes,
      String agent,
      Instant at)
      implements SocialdeskEvent {
    public TicketStatusChanged {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(newStatus, "newStatus");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
      return "ticket.status-changed";
    }
  }

  /** A reply is live on the network; SLA clocks stop here. */
  record ReplyPublished(
      TicketRef ticket,
      PostKey answered,
      String remoteId,
      URI url,
      Visibility visibility,
      String agent,
      Instant at)
      implements SocialdeskEvent {
    public ReplyPublished {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(answered, "answered");
      Objects.requireNonNull(remoteId, "remoteId");
      Objects.requireNonNull(visibility, "visibility");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
      return "reply.published";
    }
  }

  /** A reply was stopped before the network: held by a policy, awaiting approval, or refused. */
  record ReplyStopped(
      TicketRef ticket, String transactionId, Outcome outcome, String reason, Instant at)
      implements SocialdeskEvent {
    public ReplyStopped {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(transactionId, "transactionId");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
      return "reply.stopped";
    }

    /** Why the reply did not go out. */
    public enum Outcome {
      HELD,
      AWAITING_APPROVAL,
      FAILED
    }
  }

  /** An SLA target is close to its deadline, or past it. */
  record SlaAlert(TicketRef ticket, String target, Level level, Instant due, Instant at)
      implements SocialdeskEvent {
    public SlaAlert {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(due, "due");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
      return level == Level.WARNING ? "sla.warning" : "sla.breach";
    }

    /** How late it is. */
    public enum Level {
      WARNING,
      BREACH
    }
  }
}
