package org.socialdesk.channel.meta;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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

/**
 * A helpdesk that keeps the notes written to it, by ticket; its search by post answers what the
 * test put in {@link #ticketsByPost}, and it refuses notes while {@link #down} is set.
 */
final class RecordingHelpdesk implements HelpdeskGateway {

  record Note(String ticketId, String text) {}

  final List<Note> notes = new CopyOnWriteArrayList<>();
  final Map<PostKey, String> ticketsByPost = new ConcurrentHashMap<>();
  volatile boolean down;

  List<String> texts() {
    return notes.stream().map(Note::text).toList();
  }

  @Override
  public String addMessage(TicketRef ticket, TicketMessage message) {
    if (down) {
      throw new HelpdeskException("RT answered 503", true, Duration.ZERO, null);
    }
    notes.add(new Note(ticket.id(), ((TicketMessage.InternalNote) message).text()));
    return String.valueOf(notes.size());
  }

  @Override
  public String name() {
    return "rt";
  }

  @Override
  public Optional<TicketRef> findTicketByPost(PostKey post) {
    return Optional.ofNullable(ticketsByPost.get(post)).map(id -> new TicketRef(name(), id));
  }

  @Override
  public CustomerRef findOrCreateCustomer(Author author) {
    throw new UnsupportedOperationException();
  }

  @Override
  public TicketRef createTicket(NewTicket ticket) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void update(TicketRef ticket, TicketUpdate update) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void link(TicketRef parent, TicketRef child) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ActivityPage activitySince(String cursor, int limit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String ticketUrl(TicketRef ticket) {
    return "";
  }
}
