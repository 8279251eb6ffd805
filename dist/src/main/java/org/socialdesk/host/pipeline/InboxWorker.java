package org.socialdesk.host.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.Metrics;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.storage.Sql;

/**
 * Moves stored events from the inbox to their tickets. Rows are claimed with {@code FOR UPDATE
 * SKIP LOCKED} in this instance's name, so several instances share one database without taking
 * the same row, and a row held by an instance that died is taken up again seconds after its last
 * heartbeat. Events of one
 * conversation run one after another; conversations run side by side on virtual threads, at most
 * {@code workers} at a time.
 *
 * <p>A routed post is marked done only after every plugin listening has taken its {@code
 * PostRouted} event (the SLA clocks start from it), so a crash in between delivers it again; a
 * listener that fails makes the post wait and try again, {@link #DELIVERY_TRIES} times at most.
 */
final class InboxWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);
  private static final int MAX_ATTEMPTS_FOR_BUGS = 20;
  static final int DELIVERY_TRIES = 3;
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

  private final Sql sql;
  private final Instances instances;
  private final PostRouter router;
  private final Clock clock;
  private final Backoff backoff;
  private final int workers;
  private final Metrics metrics;
  private final InProcessEventBus events;
  /** Inbox rows whose routed event a listener failed to take, and how often (this process only). */
  private final ConcurrentHashMap<Long, Integer> failedDeliveries = new ConcurrentHashMap<>();
  private final Semaphore wakeUp = new Semaphore(0);
  private final java.util.concurrent.atomic.LongAdder routed = new java.util.concurrent.atomic.LongAdder();
  private final ExecutorService conversations = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean running = true;
  private Thread loop;

  InboxWorker(Sql sql, Instances instances, PostRouter router, Clock clock, Backoff backoff, int workers, Metrics metrics,
      InProcessEventBus events) {
    this.sql = sql;
    this.instances = instances;
    this.router = router;
    this.clock = clock;
    this.backoff = backoff;
    this.workers = workers;
    this.metrics = metrics;
    this.events = events;
  }

  void start() {
    loop = Thread.ofVirtual().name("inbox-worker").start(this::run);
  }

  /** Events this instance has taken to their tickets since it started. */
  long routedSinceStart() {
    return routed.sum();
  }

  /** Called when a new event is stored, so it is processed now rather than at the next poll. */
  void wake() {
    wakeUp.release();
  }

  /**
   * Keeps up to {@code workers} conversations in flight: whenever one finishes, the freed slot is
   * filled at once with the next due events, so a slow helpdesk call never holds up the others.
   */
  private void run() {
    Semaphore slots = new Semaphore(workers);
    while (running) {
      try {
        slots.acquire();
        int free = 1 + slots.drainPermits();
        List<List<Claimed>> groups;
        try {
          groups = claimGroups(free);
        } finally {
          // Give back the slots no conversation will use (all of them if claiming failed).
          slots.release(free);
        }
        slots.acquire(groups.size());
        if (groups.isEmpty()) {
          wakeUp.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
          wakeUp.drainPermits();
          continue;
        }
        for (List<Claimed> group : groups) {
          conversations.execute(() -> {
            try {
              group.forEach(this::process);
            } catch (RuntimeException e) {
              log.atError().setCause(e).log("Routing failed unexpectedly");
            } finally {
              slots.release();
            }
          });
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.atError().setCause(e).log("Inbox worker failed; retrying in a second");
        sleepQuietly();
      }
    }
  }

  /** Claims due events for at most {@code conversationCount} conversations, grouped per conversation. */
  private List<List<Claimed>> claimGroups(int conversationCount) {
    Map<String, List<Claimed>> byConversation = new LinkedHashMap<>();
    for (Claimed row : claim(conversationCount * 4)) {
      List<Claimed> group = byConversation.get(row.orderingKey());
      if (group == null && byConversation.size() == conversationCount) {
        release(row);
        continue;
      }
      byConversation.computeIfAbsent(row.orderingKey(), key -> new ArrayList<>()).add(row);
    }
    return List.copyOf(byConversation.values());
  }

  private void release(Claimed row) {
    sql.update("update inbox set claimed_by = null, attempts = attempts - 1 where id = ?", row.id());
  }

  private record Claimed(long id, int attempts, InboundEvent event) {
    /** Events of one conversation (or about one post) are handled in order. */
    String orderingKey() {
      return event instanceof InboundEvent.NewPost post ? post.post().conversation().toString() : event.key().toString();
    }
  }

  private List<Claimed> claim(int limit) {
    Instant now = clock.instant();
    return sql.inTransaction(tx -> {
      List<Claimed> rows = tx.query(
          "select id, attempts, event_type, payload from inbox"
              + " where state = 'pending' and next_attempt_at <= ? and " + Instances.UNCLAIMED
              + " order by id limit ? for update skip locked",
          row -> new Claimed(row.getLong("id"), row.getInt("attempts") + 1,
              InboundCodec.decode(row.getString("event_type"), row.getString("payload"))),
          now, instances.aliveSince(), limit);
      for (Claimed row : rows) {
        tx.update("update inbox set claimed_by = ?, claimed_until = ?, attempts = ? where id = ?", instances.id(), now, row.attempts(), row.id());
      }
      return rows;
    });
  }

  private void process(Claimed row) {
    RouteOutcome outcome;
    try {
      outcome = router.route(row.event(), row.attempts() > 1);
    } catch (HelpdeskException e) {
      outcome = e.retryable() ? new RouteOutcome.Later(e.getMessage(), null) : new RouteOutcome.Failed(e.getMessage());
    } catch (RuntimeException e) {
      log.atError().addKeyValue("event", row.event().key()).setCause(e).log("Unexpected failure routing an event");
      outcome = row.attempts() >= MAX_ATTEMPTS_FOR_BUGS
          ? new RouteOutcome.Failed("gave up after " + row.attempts() + " attempts: " + e)
          : new RouteOutcome.Later(String.valueOf(e), null);
    }
    recordDurably(row, outcome);
  }

  /**
   * Records an outcome even through a database failure: a "done" whose transaction fails becomes
   * a retry (which finds the post in the helpdesk, so no second ticket), and the retry is recorded
   * again every second until the database answers, so the claimed row is never left stuck.
   */
  private void recordDurably(Claimed row, RouteOutcome outcome) {
    RouteOutcome toRecord = outcome;
    while (true) {
      try {
        record(row, toRecord);
        return;
      } catch (Sql.StorageException e) {
        log.atWarn().addKeyValue("event", row.event().key()).setCause(e).log("Could not record the outcome; retrying");
        toRecord = new RouteOutcome.Later("the outcome could not be stored: " + e.getMessage(), null);
        if (!running) {
          return;
        }
        sleepQuietly();
      }
    }
  }

  private void record(Claimed row, RouteOutcome outcome) {
    Instant now = clock.instant();
    switch (outcome) {
      case RouteOutcome.Done done -> {
        if (!delivered(row, done.routed())) {
          record(row, new RouteOutcome.Later("a plugin did not take the routed post; it is routed again", null));
          return;
        }
        sql.inTransaction(tx -> {
          done.bookkeeping().write(tx);
          return tx.update("update inbox set state = 'done', ticket_id = ?, done_at = ?, claimed_by = null, last_error = null where id = ?",
              done.ticketId(), now, row.id());
        });
        routed.increment();
        metrics.counter("socialdesk.inbox.routed", "network", row.event().key().network()).increment();
      }
      case RouteOutcome.Later later -> {
        Duration delay = later.after() != null ? later.after() : backoff.after(row.attempts());
        sql.update("update inbox set next_attempt_at = ?, claimed_by = null, last_error = ? where id = ?",
            now.plus(delay), truncate(later.reason()), row.id());
        log.atInfo().addKeyValue("event", row.event().key()).addKeyValue("attempt", row.attempts())
            .addKeyValue("retryIn", delay).log("Event waits: {}", later.reason());
        metrics.counter("socialdesk.inbox.retries").increment();
      }
      case RouteOutcome.Failed failed -> {
        sql.update("update inbox set state = 'failed', claimed_by = null, last_error = ? where id = ?", truncate(failed.reason()), row.id());
        log.atError().addKeyValue("event", row.event().key()).log("Event failed for good: {}", failed.reason());
        metrics.counter("socialdesk.inbox.failed").increment();
      }
    }
  }

  /** Whether the listeners took the event, or failed {@link #DELIVERY_TRIES} times and are given up on. */
  private boolean delivered(Claimed row, SocialdeskEvent routedPost) {
    if (events.deliver(List.of(routedPost), DELIVERY_TIMEOUT)) {
      failedDeliveries.remove(row.id());
      return true;
    }
    int failures = failedDeliveries.merge(row.id(), 1, Integer::sum);
    if (failures < DELIVERY_TRIES) {
      return false;
    }
    failedDeliveries.remove(row.id());
    log.atError().addKeyValue("event", row.event().key())
        .log("A plugin failed {} times to take the routed post's {} event; the post is marked done without it", DELIVERY_TRIES,
            routedPost.type());
    return true;
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    wakeUp.release();
    if (loop != null) {
      loop.join(Duration.ofSeconds(10));
    }
    conversations.shutdown();
    conversations.awaitTermination(10, TimeUnit.SECONDS);
  }
}
