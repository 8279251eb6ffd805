package org.socialdesk.api.helpdesk;

import java.util.Optional;
import java.util.OptionalInt;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.PostKey;

/**
 * The helpdesk, as Socialdesk needs it. Every method may throw {@link HelpdeskException}. The
 * helpdesk is the slow peer (a few tickets a second for Request Tracker on SQLite): each method is
 * one or two calls, and implementations verify what the helpdesk silently dropped.
 */
public interface HelpdeskGateway {

  /** A short name, e.g. {@code rt}; part of every {@link TicketRef}. */
  String name();

  /** The customer record for a social author, created on first sight. */
  CustomerRef findOrCreateCustomer(Author author);

  /** Creates a ticket with everything it needs in one call, then checks nothing was dropped. */
  TicketRef createTicket(NewTicket ticket);

  /**
   * The ticket created for a post, if any: lets a pipeline that crashed between creating a ticket
   * and recording it find the ticket instead of creating a second one.
   */
  Optional<TicketRef> findTicketByPost(PostKey post);

  /** Adds a message; returns the helpdesk's transaction id. */
  String addMessage(TicketRef ticket, TicketMessage message);

  void update(TicketRef ticket, TicketUpdate update);

  /**
   * The ticket's priority now, as an agent or an earlier update left it, so that an escalation
   * raises it from there instead of overwriting it; empty when this helpdesk cannot tell.
   *
   * @since API 1.2
   */
  default OptionalInt priority(TicketRef ticket) {
    return OptionalInt.empty();
  }

  /** Makes {@code child} a child of {@code parent}. */
  void link(TicketRef parent, TicketRef child);

  /**
   * Agents' activity after {@code cursor} (empty string: from now on), oldest first, excluding
   * Socialdesk's own.
   */
  ActivityPage activitySince(String cursor, int limit);

  /** A link an agent or manager can open to see the ticket, for notes and the live wall. */
  String ticketUrl(TicketRef ticket);
}
