package org.socialdesk.host.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.Metrics;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.host.config.PipelineConfig;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.storage.Sql;

/**
 * The ticket pipeline of one host: the inbox that channels write to, the worker that takes posts
 * to tickets, the poller that reads agents' replies, and the reply loop (workflow and outbox).
 * The inbox accepts posts from the moment the pipeline exists; the loops run from {@link #start}.
 */
public final class Pipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
  private static final Duration REPLY_POLL = Duration.ofMillis(500);

  private final Sql sql;
  private final Clock clock;
  private final HelpdeskGateway helpdesk;
  private final InProcessEventBus events;
  private final Metrics metrics;
  private final PipelineConfig config;
  private final String queue;
  private final Duration activityInterval;
  private final Inbox inbox;
  private final Semaphore replyWake = new Semaphore(0);
  private Instances instances;
  private volatile InboxWorker worker;
  private ActivityPoller poller;
  private Thread replyLoop;
  private volatile boolean running;

  public Pipeline(DataSource dataSource, Clock clock, HelpdeskGateway helpdesk, InProcessEventBus events, Metrics metrics, PipelineConfig config,
      String queue, Duration activityInterval) {
    this.sql = new Sql(dataSource);
    this.clock = clock;
    this.helpdesk = helpdesk;
    this.events = events;
    this.metrics = metrics;
    this.config = config;
    this.queue = queue;
    this.activityInterval = activityInterval;
    this.inbox = new Inbox(dataSource, clock, this::wakeInbox);
  }

  /** The inbox, behind the check that keeps the networks' times sane. */
  public Ingest ingest() {
    return new PostTimes(inbox, clock);
  }

  /**
   * How the pipeline is doing, for admins: events this instance routed since it started, events
   * waiting (in all instances) and since when the oldest waits, events that failed for good, and
   * events parked (an edit or delete of a post never seen), the latest of them with their reason,
   * and what networks sent that could not be processed (how many, the newest with their reasons).
   */
  public record Status(long routedSinceStart, long pending, Instant oldestPendingSince, long failed, long parked,
      List<ParkedEvent> parkedEvents, Quarantine.Summary quarantined) {}

  /** An event set aside until the post it is about arrives. */
  public record ParkedEvent(long id, String network, String postId, String type, Instant receivedAt, String reason) {}

  private static final int PARKED_SHOWN = 100;

  /** How many of the newest quarantined payloads {@link #status} shows. */
  static final int QUARANTINE_SHOWN = 20;

  public Status status() {
    record Count(String state, long count, Instant oldest) {}
    List<Count> counts = sql.query(
        "select state, count(*), min(received_at) from inbox where state in ('pending', 'failed', 'parked') group by state",
        row -> new Count(row.getString(1), row.getLong(2), row.getTimestamp(3) == null ? null : row.getTimestamp(3).toInstant()));
    long pending = 0;
    long failed = 0;
    long parked = 0;
    Instant oldest = null;
    for (Count count : counts) {
      switch (count.state()) {
        case "pending" -> {
          pending = count.count();
          oldest = count.oldest();
        }
        case "failed" -> failed = count.count();
        default -> parked = count.count();
      }
    }
    List<ParkedEvent> parkedEvents = parked == 0 ? List.of() : sql.query(
        "select id, network, post_id, event_type, received_at, last_error from inbox where state = 'parked' order by id desc limit ?",
        row -> new ParkedEvent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), Sql.instant(row, "received_at"),
            row.getString(6)),
        PARKED_SHOWN);
    return new Status(worker == null ? 0 : worker.routedSinceStart(), pending, oldest, failed, parked, parkedEvents,
        new Quarantine(sql).summary(QUARANTINE_SHOWN));
  }

  /** Starts the loops with the started plugins' extensions. */
  public void start(Extensions extensions) {
    instances = new Instances(sql, clock);
    instances.start();
    Conversations conversations = new Conversations(sql);
    PostRouter router = new PostRouter(conversations, helpdesk, extensions, clock, queue);
    worker = new InboxWorker(sql, instances, router, clock, new Backoff(config.firstRetry(), config.maxRetryDelay()), config.workers(), metrics, events);
    AgentReplies replies = new AgentReplies(sql);
    Outbox outbox = new Outbox(sql);
    CustomerPosts customerPosts = new CustomerPosts(sql);
    ReplyWorkflow workflow = new ReplyWorkflow(replies, outbox, conversations, customerPosts, instances, helpdesk, extensions, events, clock);
    OutboxPublisher publisher = new OutboxPublisher(outbox, instances, conversations, customerPosts, extensions, events, metrics, clock, helpdesk.name());
    poller = new ActivityPoller(helpdesk, new HostSettings(sql, clock), new Lease(sql, instances, clock, ActivityPoller.LEASE), conversations, replies,
        events, clock, activityInterval, replyWake::release);
    running = true;
    worker.start();
    poller.start();
    replyLoop = Thread.ofVirtual().name("reply-loop").start(() -> runReplies(workflow, publisher));
  }

  /** The helpdesk rang: read agents' activity now. */
  public void ringDoorbell() {
    if (poller != null) {
      poller.ring();
    }
  }

  private void wakeInbox() {
    if (worker != null) {
      worker.wake();
    }
  }

  private void runReplies(ReplyWorkflow workflow, OutboxPublisher publisher) {
    while (running) {
      try {
        publisher.recoverAbandoned();
        int moved = workflow.processOnce() + publisher.processOnce();
        if (moved > 0) {
          continue;
        }
      } catch (RuntimeException e) {
        log.atWarn().log("Reply loop: {}", e.getMessage());
      }
      try {
        replyWake.tryAcquire(REPLY_POLL.toMillis(), TimeUnit.MILLISECONDS);
        replyWake.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Stops every loop and the heartbeat, releasing nothing (no lease, no claim, no heartbeat row),
   * as a SIGKILL would; for tests of what the other instances take over.
   */
  void haltAsIfKilled() throws InterruptedException {
    running = false;
    replyWake.release();
    if (poller != null) {
      poller.halt();
    }
    if (worker != null) {
      worker.close();
    }
    if (replyLoop != null) {
      replyLoop.join(Duration.ofSeconds(10));
    }
    if (instances != null) {
      instances.stopHeartbeat();
    }
    inbox.close();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    replyWake.release();
    if (poller != null) {
      poller.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (replyLoop != null) {
      replyLoop.join(Duration.ofSeconds(10));
    }
    if (instances != null) {
      instances.close();
    }
    inbox.close();
  }
}
