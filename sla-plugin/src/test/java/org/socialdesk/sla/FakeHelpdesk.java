package org.socialdesk.sla;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.socialdesk.api.helpdesk.ActivityPage;
import org.socialdesk.api.helpdesk.CustomerRef;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.NewTicket;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.PostKey;

/** Records the notes and updates the SLA plugin sends; can be told to be down for some calls. */
public final class FakeHelpdesk implements HelpdeskGateway {

  public record Note(TicketRef ticket, String text) {}

  public record Update(TicketRef ticket, TicketUpdate update) {}

  public final List<Note> notes = new ArrayList<>();
  public final List<Update> updates = new ArrayList<>();

  /** Each ticket's priority now, as agents and updates left it; 0 for a ticket not seen. */
  public final Map<TicketRef, Integer> priorities = new HashMap<>();

  public int failingNotes;
  public int failingUpdates;

  @Override
  public String name() {
    return "rt";
  }

  @Override
  public synchronized String addMessage(TicketRef ticket, TicketMessage message) {
    if (failingNotes > 0) {
      failingNotes--;
      throw new HelpdeskException("RT is down", true, Duration.ofSeconds(1), null);
    }
    notes.add(new Note(ticket, message.text()));
    return "tx-" + notes.size();
  }

  @Override
  public synchronized void update(TicketRef ticket, TicketUpdate update) {
    if (failingUpdates > 0) {
      failingUpdates--;
      throw new HelpdeskException("RT is down", true, Duration.ofSeconds(1), null);
    }
    updates.add(new Update(ticket, update));
    if (update.priority() != null) {
      priorities.put(ticket, update.priority());
    }
  }

  @Override
  public synchronized OptionalInt priority(TicketRef ticket) {
    if (failingUpdates > 0) {
      failingUpdates--;
      throw new HelpdeskException("RT is down", true, Duration.ofSeconds(1), null);
    }
    return OptionalInt.of(priorities.getOrDefault(ticket, 0));
  }

  /** An agent sets the ticket's priority in the helpdesk. */
  public synchronized void agentSetsPriority(TicketRef ticket, int priority) {
    priorities.put(ticket, priority);
  }

  @Override
  public CustomerRef findOrCreateCustomer(Author author) {
    throw new UnsupportedOperationException("not used by the SLA plugin");
  }

  @Override
  public TicketRef createTicket(NewTicket ticket) {
    throw new UnsupportedOperationException("not used by the SLA plugin");
  }

  @Override
  public Optional<TicketRef> findTicketByPost(PostKey post) {
    throw new UnsupportedOperationException("not used by the SLA plugin");
  }

  @Override
  public void link(TicketRef parent, TicketRef child) {
    throw new UnsupportedOperationException("not used by the SLA plugin");
  }

  @Override
  public ActivityPage activitySince(String cursor, int limit) {
    throw new UnsupportedOperationException("not used by the SLA plugin");
  }

  @Override
  public String ticketUrl(TicketRef ticket) {
    return "http://rt.example/Ticket/Display.html?id=" + ticket.id();
  }
}
