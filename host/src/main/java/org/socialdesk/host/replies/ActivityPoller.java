package org.socialdesk.host.replies;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.ActivityPage;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.api.helpdesk.TicketField;
import org.socialdesk.host.cluster.Lease;
import org.socialdesk.host.conversations.Conversations;
import org.socialdesk.host.events.InProcessEventBus;

/**
 * Reads agents' activity from the helpdesk by cursor, every poll interval or at once when the
 * helpdesk rings the doorbell. A reply on a social ticket becomes a row in {@code agent_reply}
 * (unique per transaction, so a page read twice after a crash records nothing twice); the cursor
 * advances only after the page is recorded and every plugin listening has taken the page's events.
 * A page whose events a listener failed to take is read and delivered again at the next poll (so
 * listeners get an event at least once, after a crash too), up to {@link #DELIVERY_TRIES} times:
 * then the poller logs the loss and moves on, so that one broken listener cannot stop the replies.
 *
 * <p>Of the instances sharing a database, only the one holding the {@link #LEASE} reads (each would
 * otherwise give every plugin every helpdesk event once per instance); when its heartbeat stops,
 * another takes the lease over and reads on from the cursor.
 */
final class ActivityPoller implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ActivityPoller.class);
  static final String CURSOR = "helpdesk.activity-cursor";
  static final String LEASE = "helpdesk.activity-reader";
  private static final int PAGE = 100;
  static final int DELIVERY_TRIES = 3;

  /**
   * How long a reply on a ticket not known here is held back while a conversation claimed before it
   * still has no ticket recorded: longer than the inbox's longest pause between two tries of a post
   * whose ticket was created but not recorded.
   */
  static final Duration HOLD_FOR_TICKET = Duration.ofMinutes(15);

  /** How far the helpdesk's clock may be behind ours, for the times it gives activity. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /** How long the poller waits for listeners before it counts a delivery as failed. */
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  private final HelpdeskGateway helpdesk;
  private final HostSettings settings;
  private final Lease lease;
  private final Conversations conversations;
  private final AgentReplies replies;
  private final InProcessEventBus events;
  private final Clock clock;
  private final Duration interval;
  private final Runnable onReply;
  private final Semaphore doorbell = new Semaphore(0);
  private volatile boolean running = true;
  private Thread loop;

  /**
   * The cursor whose page listeners failed to take, and how often; only the poller's thread uses
   * them.
   */
  private String failedCursor;

  private int failedDeliveries;

  ActivityPoller(
      HelpdeskGateway helpdesk,
      HostSettings settings,
      Lease lease,
      Conversations conversations,
      AgentReplies replies,
      InProcessEventBus events,
      Clock clock,
      Duration interval,
      Runnable onReply) {
    this.helpdesk = helpdesk;
    this.settings = settings;
    this.lease = lease;
    this.conversations = conversations;
    this.replies = replies;
    this.events = events;
    this.clock = clock;
    this.interval = interval;
    this.onReply = onReply;
  }

  void start() {
    loop = Thread.ofVirtual().name("activity-poller").start(this::run);
  }

  /** Polls now (the helpdesk's doorbell rang). */
  void ring() {
    doorbell.release();
  }

  private void run() {
    while (running) {
      try {
        while (running && pollOnce() == PAGE) {
          // A full page: more is waiting.
        }
      } catch (HelpdeskException e) {
        log.atWarn().log("Could not read agents' replies: {}", e.getMessage());
      } catch (RuntimeException e) {
        log.atError().setCause(e).log("Reading agents' replies failed");
      }
      try {
        doorbell.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
        doorbell.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Reads, records and delivers one page if this instance holds the lease; returns how many
   * activities the helpdesk gave.
   */
  int pollOnce() {
    if (!lease.hold()) {
      return 0; // another instance reads
    }
    String cursor = settings.get(CURSOR).orElse("");
    ActivityPage page = helpdesk.activitySince(cursor, PAGE);
    List<SocialdeskEvent> pageEvents = new ArrayList<>();
    boolean replied = false;
    boolean held = false;
    for (TicketActivity activity : page.activities()) {
      if (mayBeOnATicketBeingRecorded(activity)) {
        held = true;
      } else {
        replied |= record(activity, pageEvents);
      }
    }
    if (replied) {
      onReply.run();
    }
    if (held) {
      log.atDebug()
          .addKeyValue("cursor", cursor)
          .log("A reply waits for its ticket to be recorded");
      return 0; // read again at the next poll, when the ticket is known; events are delivered then
    }
    if (!delivered(cursor, pageEvents)) {
      return 0; // read again at the next poll
    }
    if (!page.nextCursor().equals(cursor)) {
      settings.put(CURSOR, page.nextCursor());
    }
    return page.activities().size();
  }

  /**
   * Whether {@code activity} is a reply on a ticket not known here, written after a conversation
   * was claimed that has no ticket recorded yet: the reply may be on that ticket (an agent can
   * answer while the host retries recording it), and passing it over would lose the reply.
   */
  private boolean mayBeOnATicketBeingRecorded(TicketActivity activity) {
    return activity instanceof TicketActivity.Replied reply
        && conversations.findByTicket(reply.ticket().id()).isEmpty()
        && conversations.awaitsTicket(
            clock.instant().minus(HOLD_FOR_TICKET), reply.at().plus(CLOCK_SKEW));
  }

  private boolean delivered(String cursor, List<SocialdeskEvent> pageEvents) {
    if (pageEvents.isEmpty() || events.deliver(pageEvents, DELIVERY_TIMEOUT)) {
      failedCursor = null;
      failedDeliveries = 0;
      return true;
    }
    failedDeliveries = cursor.equals(failedCursor) ? failedDeliveries + 1 : 1;
    failedCursor = cursor;
    if (failedDeliveries < DELIVERY_TRIES) {
      log.atWarn()
          .addKeyValue("cursor", cursor)
          .addKeyValue("try", failedDeliveries)
          .log(
              "A plugin did not take {} helpdesk events; they are delivered again at the next poll",
              pageEvents.size());
      return false;
    }
    log.atError()
        .addKeyValue("cursor", cursor)
        .addKeyValue("events", pageEvents.stream().map(SocialdeskEvent::type).toList())
        .log(
            "A plugin failed {} times to take these helpdesk events; moving on without it",
            DELIVERY_TRIES);
    failedCursor = null;
    failedDeliveries = 0;
    return true;
  }

  /**
   * Records what the host itself keeps of {@code activity}; returns whether it is a new agent
   * reply.
   */
  private boolean record(TicketActivity activity, List<SocialdeskEvent> pageEvents) {
    if (activity instanceof TicketActivity.Opened opened) {
      pageEvents.add(
          new SocialdeskEvent.TicketOpened(
              opened.ticket(),
              opened.queue(),
              opened.subject(),
              opened.text(),
              opened.agent(),
              opened.at()));
      return false;
    }
    if (conversations.findByTicket(activity.ticket().id()).isEmpty()) {
      return false;
    }
    return switch (activity) {
      case TicketActivity.Replied reply -> {
        // Published on every read, not only the first: a crash after recording must not lose it.
        pageEvents.add(
            new SocialdeskEvent.AgentReplied(
                reply.ticket(), reply.transactionId(), reply.agent(), reply.at()));
        yield replies.add(reply, clock.instant());
      }
      case TicketActivity.Commented comment -> applyCommand(comment);
      case TicketActivity.Opened opened -> false;
      case TicketActivity.StatusChanged status -> {
        pageEvents.add(
            new SocialdeskEvent.TicketStatusChanged(
                status.ticket(),
                status.oldStatus(),
                status.newStatus(),
                status.closes(),
                status.agent(),
                status.at()));
        yield false;
      }
      case TicketActivity.FieldChanged change -> {
        pageEvents.add(
            new SocialdeskEvent.FieldChanged(
                change.ticket(),
                change.field(),
                change.oldValue(),
                change.newValue(),
                change.agent(),
                change.at()));
        yield change.field().equals(TicketField.REPLY_APPROVAL.fieldName())
            && Decision.ofApprovalField(change.newValue())
                .map(decision -> decide(change.ticket().id(), decision, change.agent()))
                .orElse(false);
      }
    };
  }

  /**
   * A supervisor's comment {@code /approve} or {@code /reject} decides the replies awaiting
   * approval.
   */
  private boolean applyCommand(TicketActivity.Commented comment) {
    String first =
        comment.text().strip().lines().findFirst().orElse("").strip().toLowerCase(Locale.ROOT);
    return switch (first) {
      case "/approve" -> decide(comment.ticket().id(), Decision.APPROVE, comment.agent());
      case "/reject" -> decide(comment.ticket().id(), Decision.REJECT, comment.agent());
      default -> false;
    };
  }

  /**
   * A supervisor's decision on the replies awaiting approval, and its value in the ReplyApproval
   * field.
   */
  private enum Decision {
    APPROVE("approved"),
    REJECT("rejected");

    private final String fieldValue;

    Decision(String fieldValue) {
      this.fieldValue = fieldValue;
    }

    static Optional<Decision> ofApprovalField(String value) {
      return Arrays.stream(values())
          .filter(decision -> decision.fieldValue.equals(value))
          .findFirst();
    }
  }

  /** Applies a decision; returns whether a reply was approved (and so is the workflow's again). */
  private boolean decide(String ticketId, Decision decision, String supervisor) {
    return switch (decision) {
      case APPROVE -> replies.approve(ticketId, supervisor, clock.instant()) > 0;
      case REJECT -> {
        replies.reject(ticketId, supervisor, clock.instant());
        yield false;
      }
    };
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    doorbell.release();
    if (loop != null) {
      loop.join(Duration.ofSeconds(10));
    }
    lease.release();
  }

  /** Stops reading without giving the lease up, as a SIGKILL would; for tests of takeovers. */
  void halt() throws InterruptedException {
    running = false;
    doorbell.release();
    if (loop != null) {
      loop.join(Duration.ofSeconds(10));
    }
  }
}
