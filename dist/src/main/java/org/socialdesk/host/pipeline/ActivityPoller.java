package org.socialdesk.host.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.ActivityPage;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.api.helpdesk.TicketField;

/**
 * Reads agents' activity from the helpdesk by cursor, every poll interval or at once when the
 * helpdesk rings the doorbell. A reply on a social ticket becomes a row in {@code agent_reply}
 * (unique per transaction, so a page read twice after a crash records nothing twice); the cursor
 * advances only after the page is recorded.
 */
final class ActivityPoller implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ActivityPoller.class);
  static final String CURSOR = "helpdesk.activity-cursor";
  private static final int PAGE = 100;

  private final HelpdeskGateway helpdesk;
  private final HostSettings settings;
  private final Conversations conversations;
  private final AgentReplies replies;
  private final EventBus events;
  private final Clock clock;
  private final Duration interval;
  private final Runnable onReply;
  private final Semaphore doorbell = new Semaphore(0);
  private volatile boolean running = true;
  private Thread loop;

  ActivityPoller(HelpdeskGateway helpdesk, HostSettings settings, Conversations conversations, AgentReplies replies,
      EventBus events, Clock clock, Duration interval, Runnable onReply) {
    this.helpdesk = helpdesk;
    this.settings = settings;
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

  /** Reads and records one page; returns how many activities the helpdesk gave. */
  int pollOnce() {
    String cursor = settings.get(CURSOR).orElse("");
    ActivityPage page = helpdesk.activitySince(cursor, PAGE);
    boolean replied = false;
    for (TicketActivity activity : page.activities()) {
      replied |= record(activity);
    }
    if (!page.nextCursor().equals(cursor)) {
      settings.put(CURSOR, page.nextCursor());
    }
    if (replied) {
      onReply.run();
    }
    return page.activities().size();
  }

  private boolean record(TicketActivity activity) {
    if (activity instanceof TicketActivity.Opened opened) {
      events.publish(new SocialdeskEvent.TicketOpened(opened.ticket(), opened.queue(), opened.subject(), opened.text(), opened.agent(), opened.at()));
      return false;
    }
    if (conversations.findByTicket(activity.ticket().id()).isEmpty()) {
      return false;
    }
    return switch (activity) {
      case TicketActivity.Replied reply -> {
        boolean added = replies.add(reply, clock.instant());
        if (added) {
          events.publish(new SocialdeskEvent.AgentReplied(reply.ticket(), reply.transactionId(), reply.agent(), reply.at()));
        }
        yield added;
      }
      case TicketActivity.Commented comment -> applyCommand(comment);
      case TicketActivity.Opened opened -> false;
      case TicketActivity.StatusChanged status -> {
        events.publish(new SocialdeskEvent.TicketStatusChanged(status.ticket(), status.oldStatus(), status.newStatus(), status.closes(),
            status.agent(), status.at()));
        yield false;
      }
      case TicketActivity.FieldChanged change -> {
        events.publish(new SocialdeskEvent.FieldChanged(change.ticket(), change.field(), change.oldValue(), change.newValue(), change.agent(), change.at()));
        yield change.field().equals(TicketField.REPLY_APPROVAL.fieldName()) && decide(change.ticket().id(), change.newValue(), change.agent());
      }
    };
  }

  /** A supervisor's comment {@code /approve} or {@code /reject} decides the replies awaiting approval. */
  private boolean applyCommand(TicketActivity.Commented comment) {
    String first = comment.text().strip().lines().findFirst().orElse("").strip().toLowerCase(Locale.ROOT);
    if (first.equals("/approve")) {
      return decide(comment.ticket().id(), "approved", comment.agent());
    }
    if (first.equals("/reject")) {
      return decide(comment.ticket().id(), "rejected", comment.agent());
    }
    return false;
  }

  private boolean decide(String ticketId, String decision, String supervisor) {
    if ("approved".equals(decision)) {
      return replies.approve(ticketId, supervisor, clock.instant()) > 0;
    }
    if ("rejected".equals(decision)) {
      replies.reject(ticketId, supervisor, clock.instant());
    }
    return false;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    doorbell.release();
    if (loop != null) {
      loop.join(Duration.ofSeconds(10));
    }
  }
}
