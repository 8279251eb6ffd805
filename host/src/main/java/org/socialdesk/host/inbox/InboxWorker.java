package org.socialdesk.host.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.host.cluster.Instances;
import org.socialdesk.host.conversations.InboundCodec;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.storage.Sql;

/**
 * Moves stored events from the inbox to their tickets. Events of one conversation are routed by one
 * worker at a time across all instances sharing the database, in posting order: a worker first
 * takes the conversation's lease ({@link ConversationLeases}), then routes the conversation's
 * earliest pending events one after another; an event that must wait stops its conversation there,
 * so no later post overtakes it. A lease held by an instance that died is taken over seconds after
 * its last heartbeat. Conversations run side by side on virtual threads, at most {@code workers} at
 * a time.
 *
 * <p>A routed post is marked done only after every plugin listening has taken its {@code
 * PostRouted} event (the SLA clocks start from it), so a crash in between delivers it again; a
 * listener that fails makes the post wait and try again, {@link #DELIVERY_TRIES} times at most.
 *
 * <p>An edit or delete of a post the host has never seen is tried {@link #PARK_AFTER} times with
 * backoff, then parked (state {@code parked}, shown to admins with its reason); when the post
 * arrives and is routed, its parked changes are woken and applied.
 */
final class InboxWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);
  private static final int MAX_ATTEMPTS_FOR_BUGS = 20;
  static final int DELIVERY_TRIES = 3;

  /** Tries of an edit or delete whose post is unknown before it is parked. */
  static final int PARK_AFTER = 10;

  /** Events of one conversation routed under one lease before the lease is given back. */
  private static final int EVENTS_PER_LEASE = 20;

  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

  private final Sql sql;
  private final Instances instances;
  private final ConversationLeases leases;
  private final InboxOrdering ordering;
  private final PostRouter router;
  private final Clock clock;
  private final Backoff backoff;
  private final int workers;
  private final Metrics metrics;
  private final InProcessEventBus events;

  /** Inbox rows whose routed event a listener failed to take, and how often (this process only). */
  private final ConcurrentHashMap<Long, Integer> failedDeliveries = new ConcurrentHashMap<>();

  private final Semaphore wakeUp = new Semaphore(0);
  private final java.util.concurrent.atomic.LongAdder routed =
      new java.util.concurrent.atomic.LongAdder();
  private final ExecutorService conversations = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean running = true;
  private Thread loop;

  InboxWorker(
      Sql sql,
      Instances instances,
      PostRouter router,
      Clock clock,
      Backoff backoff,
      int workers,
      Metrics metrics,
      InProcessEventBus events) {
    this.sql = sql;
    this.instances = instances;
    this.leases = new ConversationLeases(sql, instances);
    this.ordering = new InboxOrdering(sql);
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
   * filled at once with the next due conversation, so a slow helpdesk call never holds up the
   * others.
   */
  private void run() {
    Semaphore slots = new Semaphore(workers);
    while (running) {
      try {
        slots.acquire();
        int free = 1 + slots.drainPermits();
        List<String> leased;
        try {
          ordering.placeNewEvents();
          leased = leaseDueConversations(free);
        } finally {
          // Give back the slots no conversation will use (all of them if leasing failed).
          slots.release(free);
        }
        slots.acquire(leased.size());
        if (leased.isEmpty()) {
          wakeUp.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
          wakeUp.drainPermits();
          continue;
        }
        for (String key : leased) {
          conversations.execute(
              () -> {
                boolean released = false;
                try {
                  released = routeConversation(key);
                } catch (RuntimeException e) {
                  log.atError().setCause(e).log("Routing failed unexpectedly");
                } finally {
                  if (!released) {
                    releaseDurably(key);
                  }
                  slots.release();
                  // Its later events, or events that waited for it, may be due now.
                  wakeUp.release();
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

  /**
   * Leases up to {@code count} conversations whose earliest pending event is due and that no live
   * instance routes. A candidate whose lease another worker takes first is skipped.
   */
  private List<String> leaseDueConversations(int count) {
    Instant now = clock.instant();
    Instant aliveSince = instances.aliveSince();
    List<String> candidates =
        sql.query(
            "select i.ordering_key from inbox i where i.state = 'pending' and i.ordering_key is not null and i.next_attempt_at <= ?"
                + " and not exists (select 1 from inbox e where e.ordering_key = i.ordering_key and e.state = 'pending'"
                + "   and (e.posted_at < i.posted_at or (e.posted_at = i.posted_at and e.id < i.id)))"
                + " and not "
                + ConversationLeases.HELD_BY_THE_LIVING
                + " order by i.posted_at, i.id limit ?",
            row -> row.getString(1),
            now,
            aliveSince,
            count * 2);
    List<String> leased = new ArrayList<>();
    for (String key : candidates) {
      if (leased.size() < count && !leased.contains(key) && leases.take(key, now)) {
        leased.add(key);
      }
    }
    return leased;
  }

  private void releaseDurably(String key) {
    while (true) {
      try {
        leases.release(key);
        return;
      } catch (Sql.StorageException e) {
        // Kept, the lease would stop this conversation for as long as this instance lives.
        log.atWarn()
            .addKeyValue("key", key)
            .log("Could not give back a conversation's lease; retrying: {}", e.getMessage());
        if (!running) {
          return;
        }
        sleepQuietly();
      }
    }
  }

  /** An event claimed for routing, with the ordering key it was claimed under. */
  private record Claimed(long id, String key, int attempts, InboundEvent event) {}

  /**
   * Routes the leased conversation's pending events one by one, each time the earliest one, up to
   * the first that must wait: it and the events after it are left for later, so the conversation's
   * order holds. The earliest is looked up again before each event, so a post stored while an
   * earlier one was being routed still goes before any later one.
   *
   * @return whether the lease was given back already (when nothing of the conversation was due)
   */
  private boolean routeConversation(String key) {
    for (int routedUnderLease = 0;
        routedUnderLease < EVENTS_PER_LEASE && running;
        routedUnderLease++) {
      // Events stored since the loop placed them must be seen, or a later post could go first.
      ordering.placeNewEvents();
      Optional<Claimed> earliest = claimEarliestOrRelease(key);
      if (earliest.isEmpty()) {
        return true;
      }
      if (!process(earliest.get())) {
        return false;
      }
    }
    return false;
  }

  /**
   * Claims the key's earliest pending event if it is due; when none is, gives the conversation's
   * lease back in the same transaction (one commit instead of two for the last look of every
   * conversation routed). An event placed under the key after this look waits for the next lease,
   * as it would after a separate release.
   */
  private Optional<Claimed> claimEarliestOrRelease(String key) {
    Instant now = clock.instant();
    return sql.inTransaction(
        tx -> {
          record Row(long id, int attempts, Instant due, String type, String payload) {}
          List<Row> rows =
              tx.query(
                  "select id, attempts, next_attempt_at, event_type, payload from inbox where ordering_key = ? and state = 'pending'"
                      + " order by posted_at, id limit 1",
                  row ->
                      new Row(
                          row.getLong(1),
                          row.getInt(2) + 1,
                          Sql.instant(row, "next_attempt_at"),
                          row.getString(4),
                          row.getString(5)),
                  key);
          if (rows.isEmpty() || rows.getFirst().due().isAfter(now)) {
            leases.release(tx, key);
            return Optional.empty();
          }
          Row row = rows.getFirst();
          tx.update(
              "update inbox set claimed_by = ?, claimed_until = ?, attempts = ? where id = ?",
              instances.id(),
              now,
              row.attempts(),
              row.id());
          return Optional.of(
              new Claimed(
                  row.id(), key, row.attempts(), InboundCodec.decode(row.type(), row.payload())));
        });
  }

  /**
   * Routes one event and records what became of it; false if it waits (and so must its
   * conversation).
   */
  private boolean process(Claimed row) {
    RouteOutcome outcome;
    try {
      outcome = router.route(row.event(), row.attempts() > 1);
    } catch (HelpdeskException e) {
      outcome =
          e.retryable()
              ? new RouteOutcome.Later(e.getMessage(), null)
              : new RouteOutcome.Failed(e.getMessage());
    } catch (RuntimeException e) {
      log.atError()
          .addKeyValue("event", row.event().key())
          .setCause(e)
          .log("Unexpected failure routing an event");
      outcome =
          row.attempts() >= MAX_ATTEMPTS_FOR_BUGS
              ? new RouteOutcome.Failed("gave up after " + row.attempts() + " attempts: " + e)
              : new RouteOutcome.Later(String.valueOf(e), null);
    }
    if (outcome instanceof RouteOutcome.WaitsForPost waits) {
      outcome =
          row.attempts() >= PARK_AFTER
              ? new RouteOutcome.Parked(
                  waits.reason()
                      + "; parked after "
                      + row.attempts()
                      + " tries, applied when the post arrives")
              : new RouteOutcome.Later(waits.reason(), null);
    }
    return recordDurably(row, outcome);
  }

  /**
   * Records an outcome even through a database failure: a "done" whose transaction fails becomes a
   * retry (which finds the post in the helpdesk, so no second ticket), and the retry is recorded
   * again every second until the database answers, so the claimed row is never left stuck.
   */
  private boolean recordDurably(Claimed row, RouteOutcome outcome) {
    RouteOutcome toRecord = outcome;
    while (true) {
      try {
        return record(row, toRecord);
      } catch (Sql.StorageException e) {
        log.atWarn()
            .addKeyValue("event", row.event().key())
            .setCause(e)
            .log("Could not record the outcome; retrying");
        toRecord =
            new RouteOutcome.Later("the outcome could not be stored: " + e.getMessage(), null);
        if (!running) {
          return false;
        }
        sleepQuietly();
      }
    }
  }

  /** Records an outcome; false if the event waits. */
  private boolean record(Claimed row, RouteOutcome outcome) {
    Instant now = clock.instant();
    switch (outcome) {
      case RouteOutcome.Done done -> {
        if (!delivered(row, done.routed())) {
          return record(
              row,
              new RouteOutcome.Later(
                  "a plugin did not take the routed post; it is routed again", null));
        }
        int woken =
            sql.inTransaction(
                tx -> {
                  done.bookkeeping().write(tx);
                  tx.update(
                      "update inbox set state = 'done', ticket_id = ?, done_at = ?, claimed_by = null, last_error = null where id = ?",
                      done.ticketId(),
                      now,
                      row.id());
                  return row.event() instanceof InboundEvent.NewPost newPost
                      ? wakeParkedChanges(tx, row.key(), newPost.post(), now)
                      : 0;
                });
        if (woken > 0) {
          log.atInfo()
              .addKeyValue("post", row.event().key())
              .log("The post arrived; {} parked edits or deletes of it are applied now", woken);
        }
        routed.increment();
        metrics
            .counter("socialdesk.inbox.routed", "network", row.event().key().network())
            .increment();
        return true;
      }
      case RouteOutcome.Later later -> {
        Duration delay = later.after() != null ? later.after() : backoff.after(row.attempts());
        sql.update(
            "update inbox set next_attempt_at = ?, claimed_by = null, last_error = ? where id = ?",
            now.plus(delay),
            truncate(later.reason()),
            row.id());
        log.atInfo()
            .addKeyValue("event", row.event().key())
            .addKeyValue("attempt", row.attempts())
            .addKeyValue("retryIn", delay)
            .log("Event waits: {}", later.reason());
        metrics.counter("socialdesk.inbox.retries").increment();
        return false;
      }
      case RouteOutcome.Failed failed -> {
        sql.update(
            "update inbox set state = 'failed', claimed_by = null, last_error = ? where id = ?",
            truncate(failed.reason()),
            row.id());
        log.atError()
            .addKeyValue("event", row.event().key())
            .log("Event failed for good: {}", failed.reason());
        metrics.counter("socialdesk.inbox.failed").increment();
        return true;
      }
      case RouteOutcome.Parked parked -> {
        sql.update(
            "update inbox set state = 'parked', claimed_by = null, last_error = ? where id = ?",
            truncate(parked.reason()),
            row.id());
        log.atWarn()
            .addKeyValue("event", row.event().key())
            .log("Event parked: {}", parked.reason());
        metrics.counter("socialdesk.inbox.parked").increment();
        return true;
      }
      case RouteOutcome.WaitsForPost waits ->
          throw new IllegalStateException("decided in process: " + waits);
    }
  }

  /**
   * Parked edits and deletes of a post that has just been routed go back to the queue the post was
   * routed in ({@code key}, the one it was claimed under), due now, with fresh tries.
   */
  private static int wakeParkedChanges(Sql.Tx tx, String key, SocialPost post, Instant now)
      throws java.sql.SQLException {
    return tx.update(
        "update inbox set state = 'pending', attempts = 0, next_attempt_at = ?, ordering_key = ?, claimed_by = null"
            + " where state = 'parked' and network = ? and post_id = ? and event_type in ('edit', 'delete')",
        now,
        key,
        post.network(),
        post.key().postId());
  }

  /**
   * Whether the listeners took the event, or failed {@link #DELIVERY_TRIES} times and are given up
   * on.
   */
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
    log.atError()
        .addKeyValue("event", row.event().key())
        .log(
            "A plugin failed {} times to take the routed post's {} event; the post is marked done without it",
            DELIVERY_TRIES,
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
