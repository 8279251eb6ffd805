package org.socialdesk.channel.meta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * A comment the Page hid (or showed again) on the network, told on its ticket in words of its own:
 * the plugin API has no event for a Page's moderation, and the host's edit note would say "the
 * customer edited this post". Public replies to it are held by {@link MetaReplyPolicy} (and the
 * publisher) from the moment the webhook delivery is stored, as for a removed comment.
 *
 * <p>The webhook stores the change ({@code meta_item.hidden}) and a pending note ({@code
 * meta_hidden_note}) in one transaction, before it acknowledges; a change that changes nothing (a
 * redelivery, or the webhook that follows Socialdesk's own hiding of a spam comment) stores no
 * note. The note is written once the comment has a ticket: the ticket the host routed it to ({@code
 * PostRouted}, kept in {@code meta_item.ticket_id}), else the helpdesk's search by post. It is
 * claimed ({@code writing}) before the helpdesk is called, so it is never written twice; one found
 * claimed at start (a crash during the call) is logged for an agent to check. A comment that never
 * gets a ticket (never taken in) leaves its note pending for {@link #GIVE_UP_AFTER}, then it is
 * dropped with a log line.
 */
final class MetaHiddenNotes {

  static final Duration GIVE_UP_AFTER = Duration.ofDays(7);
  private static final int BATCH = 500;
  private static final Logger log = LoggerFactory.getLogger(MetaHiddenNotes.class);

  private final ChannelJdbc jdbc;
  private final Supplier<HelpdeskGateway> helpdesk;
  private final Clock clock;
  private volatile boolean writing;

  /**
   * @param helpdesk asked for only when a note is written (the webhook stores notes without it)
   */
  MetaHiddenNotes(DataSource dataSource, Supplier<HelpdeskGateway> helpdesk, Clock clock) {
    this.jdbc = new ChannelJdbc(dataSource);
    this.helpdesk = helpdesk;
    this.clock = clock;
  }

  private record Pending(
      MetaNetwork network, String id, Instant changedAt, boolean hidden, String ticketId) {}

  /**
   * Stores that the Page hid or showed the comment, with its note, in one transaction; returns
   * whether that changed anything (false for a redelivery or a state already known).
   */
  boolean record(MetaNetwork network, String id, boolean hidden, Instant at) {
    try (ChannelJdbc.Transaction tx = jdbc.begin("meta: mark item " + id + " hidden=" + hidden)) {
      int changed =
          tx.update(
              "meta: mark item " + id,
              "update meta_item set hidden = ? where network = ? and item_id = ? and hidden <> ?",
              hidden,
              network.id(),
              id,
              hidden);
      if (changed == 0) {
        boolean known =
            tx.queryOne(
                    "meta: look up item " + id,
                    "select 1 from meta_item where network = ? and item_id = ?",
                    row -> true,
                    network.id(),
                    id)
                .isPresent();
        if (known) {
          return false; // already in that state: nothing to tell the ticket
        }
        // Not seen yet (the hide overtook the comment): kept, so its public replies are held.
        tx.update(
            "meta: record item " + id,
            "insert into meta_item (network, item_id, kind, hidden, live, created_at) values (?, ?, ?, ?, false, ?)",
            network.id(),
            id,
            MetaItem.Kind.COMMENT.name(),
            hidden,
            at);
      }
      tx.update(
          "meta: queue the hidden note of " + id,
          "insert into meta_hidden_note (network, item_id, changed_at, hidden, state, received_at)"
              + " select ?, ?, ?, ?, 'pending', ? from (values (1)) as one(x) where not exists"
              + " (select 1 from meta_hidden_note where network = ? and item_id = ? and changed_at = ? and hidden = ?)",
          network.id(),
          id,
          at,
          hidden,
          clock.instant(),
          network.id(),
          id,
          at,
          hidden);
      tx.commit();
    }
    if (writing) {
      // Off the webhook's path: the delivery is acknowledged without waiting for the helpdesk.
      Thread.ofVirtual().name("meta-hidden-note").start(this::writePendingQuietly);
    }
    return true;
  }

  /**
   * From now on a stored change is written to its ticket at once (when it has one); first, notes
   * left claimed by a stop are reported.
   */
  void startWriting() {
    reportInterrupted();
    writing = true;
  }

  /** The host routed a post: remembers its ticket, and writes a note waiting for it. */
  void onRouted(SocialdeskEvent.PostRouted routed) {
    String network = routed.post().network();
    if (!network.equals(MetaNetwork.FACEBOOK.id()) && !network.equals(MetaNetwork.INSTAGRAM.id())) {
      return;
    }
    String id = routed.post().key().postId();
    try {
      jdbc.update(
          "meta: remember the ticket of " + id,
          "update meta_item set ticket_id = ? where network = ? and item_id = ?",
          routed.ticket().id(),
          network,
          id);
      select("n.state = 'pending' and n.network = ? and n.item_id = ?", network, id)
          .forEach(this::write);
    } catch (RuntimeException e) {
      // The scheduled round finds the ticket by the helpdesk's search instead.
      log.warn("meta: could not keep the ticket of {}: {}", id, e.toString());
    }
  }

  /** Writes the notes whose comment has a ticket by now; drops those too old to ever get one. */
  void writePending() {
    select("n.state = 'pending'").forEach(this::write);
  }

  /** As {@link #writePending}, for the scheduler: a failure is logged and the next round tries. */
  void writePendingQuietly() {
    try {
      writePending();
    } catch (RuntimeException e) {
      log.warn("meta: writing the notes of hidden comments failed: {}", e.toString());
    }
  }

  /** Notes claimed by an instance that stopped during the call: maybe written, never again. */
  void reportInterrupted() {
    for (Pending note : select("n.state = 'writing'")) {
      log.warn(
          "meta: Socialdesk stopped while writing the note that {} was {} on ticket {}; check that"
              + " the ticket has it (it is not written again)",
          note.id(),
          note.hidden() ? "hidden" : "shown again",
          note.ticketId());
      setState(note, "writing", "done", note.ticketId());
    }
  }

  /** Hides are rare (a Page moderating by hand): one round reads them all, up to a bound. */
  private List<Pending> select(String condition, Object... parameters) {
    return jdbc.queryList(
        "meta: read hidden notes",
        "select n.network, n.item_id, n.changed_at, n.hidden, coalesce(n.ticket_id, i.ticket_id)"
            + " from meta_hidden_note n left join meta_item i"
            + " on i.network = n.network and i.item_id = n.item_id"
            + " where "
            + condition
            + " order by n.changed_at limit "
            + BATCH,
        row ->
            new Pending(
                MetaNetwork.of(row.getString(1)),
                row.getString(2),
                ChannelJdbc.instant(row, "changed_at"),
                row.getBoolean(4),
                row.getString(5)),
        parameters);
  }

  private void write(Pending note) {
    Optional<TicketRef> ticket = ticketOf(note);
    if (ticket.isEmpty()) {
      if (note.changedAt().isBefore(clock.instant().minus(GIVE_UP_AFTER))) {
        log.warn(
            "meta: {} {} was {} but never reached a ticket; its note is dropped",
            note.network().id(),
            note.id(),
            note.hidden() ? "hidden" : "shown again");
        setState(note, "pending", "dropped", null);
      }
      return;
    }
    if (!setState(note, "pending", "writing", ticket.get().id())) {
      return; // another instance took it
    }
    try {
      helpdesk.get().addMessage(ticket.get(), new TicketMessage.InternalNote(text(note)));
      setState(note, "writing", "done", ticket.get().id());
    } catch (RuntimeException e) {
      // The helpdesk answered with an error: not written, so it is tried again at the next round.
      setState(note, "writing", "pending", null);
      log.warn(
          "meta: could not write the hidden note of {} on ticket {}: {}",
          note.id(),
          ticket.get().id(),
          UntrustedText.forLog(String.valueOf(e.getMessage())));
    }
  }

  private Optional<TicketRef> ticketOf(Pending note) {
    if (note.ticketId() != null) {
      return Optional.of(new TicketRef(helpdesk.get().name(), note.ticketId()));
    }
    try {
      return helpdesk.get().findTicketByPost(new PostKey(note.network().id(), note.id()));
    } catch (RuntimeException e) {
      return Optional.empty(); // the helpdesk is away: the next round asks again
    }
  }

  private boolean setState(Pending note, String from, String to, String ticketId) {
    return jdbc.update(
            "meta: mark the hidden note of " + note.id() + " " + to,
            "update meta_hidden_note set state = ?, ticket_id = ? where network = ? and item_id = ? and changed_at = ? and state = ?",
            to,
            ticketId,
            note.network().id(),
            note.id(),
            note.changedAt(),
            from)
        == 1;
  }

  static String text(MetaNetwork network, String id, boolean hidden, Instant at) {
    return hidden
        ? "The Page hid this comment ("
            + network.id()
            + ":"
            + id
            + ") on "
            + network.id()
            + " at "
            + at
            + ": only its author and their friends see it. Socialdesk will not answer it in public"
            + " while it is hidden; a private reply (/dm) is still possible within 7 days of the comment."
        : "The Page showed this comment ("
            + network.id()
            + ":"
            + id
            + ") again on "
            + network.id()
            + " at "
            + at
            + "; it can be answered in public.";
  }

  private static String text(Pending note) {
    return text(note.network(), note.id(), note.hidden(), note.changedAt());
  }
}
