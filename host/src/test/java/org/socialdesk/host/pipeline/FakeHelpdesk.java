package org.socialdesk.host.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.socialdesk.api.helpdesk.ActivityPage;
import org.socialdesk.api.helpdesk.CustomerRef;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.NewTicket;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.api.helpdesk.TicketField;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.PostKey;

/** A helpdesk in memory, for pipeline tests: it can be made to fail, and it records every call. */
public final class FakeHelpdesk implements HelpdeskGateway {

  public record Ticket(
      String id,
      NewTicket created,
      List<TicketMessage> messages,
      Map<String, String> fields,
      List<String> postIds) {}

  public final Map<String, Ticket> tickets = new LinkedHashMap<>();

  /** Agents' activity; tests add to it from their own thread while the poller reads it. */
  public final List<TicketActivity> activity = new CopyOnWriteArrayList<>();

  private final AtomicInteger ids = new AtomicInteger();
  public volatile boolean down;

  /** Fails the next create after the ticket exists, as a crash between create and record would. */
  public volatile boolean failAfterNextCreate;

  /**
   * Fails every search of a ticket by post (as the retry after a failed create makes), so that a
   * created ticket stays unrecorded while the rest of the helpdesk works.
   */
  public volatile boolean searchDown;

  /** How long each message takes to write, as with a real helpdesk (RT takes a few hundred ms). */
  public volatile Duration latency = Duration.ZERO;

  /**
   * Once the first message it matches is written, the calling thread dies, as in a SIGKILL of the
   * host.
   */
  public volatile Predicate<TicketMessage> dieAfterWriting;

  /**
   * What kills the thread that called the helpdesk; not an exception, so that no code of the host
   * catches it.
   */
  public static final class Killed extends Error {
    public Killed() {
      super("killed right after the helpdesk wrote the message");
    }
  }

  /**
   * Priorities set by updates, by ticket id; a ticket not updated has the one it was created with.
   */
  private final Map<String, Integer> priorities = new HashMap<>();

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public synchronized CustomerRef findOrCreateCustomer(Author author) {
    checkUp();
    return new CustomerRef("1", author.network() + "." + author.accountId());
  }

  @Override
  public synchronized TicketRef createTicket(NewTicket ticket) {
    checkUp();
    String id = Integer.toString(ids.incrementAndGet());
    List<String> postIds =
        new ArrayList<>(List.of(ticket.fields().get(TicketField.SOCIAL_POST_ID.fieldName())));
    tickets.put(
        id,
        new Ticket(id, ticket, new ArrayList<>(), new LinkedHashMap<>(ticket.fields()), postIds));
    if (failAfterNextCreate) {
      failAfterNextCreate = false;
      throw new HelpdeskException(
          "connection reset after the ticket was created", true, Duration.ZERO, null);
    }
    return new TicketRef(name(), id);
  }

  @Override
  public synchronized Optional<TicketRef> findTicketByPost(PostKey post) {
    checkUp();
    if (searchDown) {
      throw new HelpdeskException("search timed out", true, Duration.ofMillis(1), null);
    }
    return tickets.values().stream()
        .filter(t -> t.postIds().contains(post.toString()))
        .findFirst()
        .map(t -> new TicketRef(name(), t.id()));
  }

  /**
   * Like RT: a multi-value field is read, then written back whole with the new value added, in a
   * later request, so two posts added to one ticket at the same time can erase each other's id.
   */
  @Override
  public String addMessage(TicketRef ticket, TicketMessage message) {
    pause();
    String transaction = append(ticket, message);
    Predicate<TicketMessage> dying = dieAfterWriting;
    if (dying != null && dying.test(message)) {
      dieAfterWriting = null;
      throw new Killed();
    }
    return transaction;
  }

  private String append(TicketRef ticket, TicketMessage message) {
    String newPostId =
        message instanceof TicketMessage.CustomerPost post
            ? post.fields().get(TicketField.SOCIAL_POST_ID.fieldName())
            : null;
    List<String> read;
    synchronized (this) {
      checkUp();
      read = List.copyOf(tickets.get(ticket.id()).postIds());
    }
    if (newPostId != null) {
      pauseBetweenRequests();
    }
    synchronized (this) {
      checkUp();
      Ticket found = tickets.get(ticket.id());
      found.messages().add(message);
      if (newPostId != null) {
        List<String> written = new ArrayList<>(read);
        if (!written.contains(newPostId)) {
          written.add(newPostId);
        }
        found.postIds().clear();
        found.postIds().addAll(written);
      }
      return "txn-" + found.messages().size();
    }
  }

  private void pause() {
    try {
      Thread.sleep(latency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pauseBetweenRequests() {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 6));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void update(TicketRef ticket, TicketUpdate update) {
    checkUp();
    tickets.get(ticket.id()).fields().putAll(update.fields());
    if (update.priority() != null) {
      priorities.put(ticket.id(), update.priority());
    }
  }

  @Override
  public synchronized java.util.OptionalInt priority(TicketRef ticket) {
    checkUp();
    Integer initial = tickets.get(ticket.id()).created().priority();
    return java.util.OptionalInt.of(
        priorities.getOrDefault(ticket.id(), initial != null ? initial : 0));
  }

  @Override
  public void link(TicketRef parent, TicketRef child) {
    checkUp();
  }

  @Override
  public synchronized ActivityPage activitySince(String cursor, int limit) {
    checkUp();
    List<TicketActivity> all = List.copyOf(activity);
    int from = cursor.isEmpty() ? all.size() : Integer.parseInt(cursor);
    List<TicketActivity> page = all.subList(from, Math.min(all.size(), from + limit));
    return new ActivityPage(List.copyOf(page), Integer.toString(from + page.size()));
  }

  @Override
  public String ticketUrl(TicketRef ticket) {
    return "fake://" + ticket.id();
  }

  public synchronized List<Ticket> ticketsWithPost(String postKey) {
    return tickets.values().stream().filter(t -> t.postIds().contains(postKey)).toList();
  }

  private void checkUp() {
    if (down) {
      throw new HelpdeskException("fake helpdesk is down", true, Duration.ofMillis(1), null);
    }
  }
}
