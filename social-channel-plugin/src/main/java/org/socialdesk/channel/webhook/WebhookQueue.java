package org.socialdesk.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.channel.storage.ChannelStorageException;
import org.socialdesk.channel.storage.GroupCommit;

/**
 * A webhook's signed deliveries, stored as received ({@code webhook_delivery}) before they are
 * acknowledged, then read into events by a worker of their own.
 *
 * <p>Why: a delivery can carry many events (Meta batches up to a thousand changes). Storing each of
 * them, with the channel's own rows, before the 200 made the acknowledgement wait for a row per
 * event in several indexed tables, and an embedded database serialises its index pages at every
 * commit. One row per delivery keeps the acknowledgement fast; the worker then stores the events of
 * many deliveries in a few large transactions.
 *
 * <p>Nothing is lost: {@link #store} returns only once the row is committed, and a row is deleted
 * only after its {@link Reader} stored every event, so a crash in between reads it again at start
 * (reading is idempotent: the host's inbox answers a known event as a duplicate). Rows are claimed
 * for {@link #CLAIM} before they are read, so two instances sharing the database do not read the
 * same row (unless a claim ran out, and then the duplicates are refused as above); rows claimed by
 * an instance that was killed are read again once their claim has run out.
 *
 * <p>When storage is unavailable (the database, or the host's inbox) the claimed rows are released
 * and tried again after a pause that doubles up to {@link #MAX_PAUSE}. A delivery whose reading
 * fails for any other reason is tried {@link #MAX_ATTEMPTS} times, then handed to {@link
 * Reader#giveUp} (the channel quarantines it for an admin) and deleted.
 */
public final class WebhookQueue implements AutoCloseable {

  /** The longest body kept in a row (H2's longest varchar); a longer one is read at once. */
  public static final int MAX_QUEUED_BYTES = 1_000_000;

  static final Duration CLAIM = Duration.ofSeconds(30);
  static final int MAX_ATTEMPTS = 5;
  static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  static final Duration MAX_PAUSE = Duration.ofSeconds(30);
  static final Duration IDLE_LOOK = Duration.ofSeconds(1);
  static final int BATCH = 100;

  /**
   * While the webhook keeps storing deliveries, the worker reads this few at a time and then waits
   * {@link #BUSY_YIELD} times as long as it read, so that it takes at most a seventh of the time
   * from the acknowledgements (measured on H2: p99 200 ms without yielding, 22-51 ms with it).
   */
  static final int BUSY_BATCH = 5;

  static final int BUSY_YIELD = 6;
  private static final Logger log = LoggerFactory.getLogger(WebhookQueue.class);

  /** A delivery as received, for its {@link Reader}. */
  public record Delivery(long id, String body, Instant receivedAt, int attempts) {}

  /** Turns deliveries into stored events: what the webhook did before it answered. */
  public interface Reader {

    /**
     * Reads every delivery and stores its events; returns once all are stored. Must be idempotent:
     * a delivery is read again after a crash. Throws {@link ChannelStorageException} or {@link
     * Ingest.IngestUnavailableException} when storage is unavailable (all are tried again later).
     */
    void store(List<Delivery> deliveries);

    /** A delivery that failed {@link #MAX_ATTEMPTS} times; it is deleted after this returns. */
    void giveUp(Delivery delivery, String reason);
  }

  private record Received(String body, Instant receivedAt) {}

  private final String webhook;
  private final ChannelJdbc jdbc;
  private final Clock clock;
  private final Reader reader;
  private final int batchSize;
  private final String instance = UUID.randomUUID().toString();
  private final AtomicLong claims = new AtomicLong();
  private final GroupCommit<Received> commits =
      new GroupCommit<>(this::insertTogether, this::insert);
  private final Semaphore wake = new Semaphore(0);

  /** Deliveries stored since the worker last looked: the webhook is busy if any. */
  private final AtomicLong storedSinceLook = new AtomicLong();

  private volatile boolean running;
  private volatile String lastFailure;
  private Thread worker;

  /**
   * @param webhook the name the rows carry ({@code meta}); one queue per webhook
   */
  public WebhookQueue(String webhook, DataSource dataSource, Clock clock, Reader reader) {
    this(webhook, dataSource, clock, reader, BATCH);
  }

  /**
   * @param batchSize the most deliveries read together
   */
  WebhookQueue(String webhook, DataSource dataSource, Clock clock, Reader reader, int batchSize) {
    this.webhook = Objects.requireNonNull(webhook, "webhook");
    this.jdbc = new ChannelJdbc(dataSource);
    this.clock = clock;
    this.reader = reader;
    this.batchSize = batchSize;
  }

  /** Whether {@link #store} takes this body; a longer one, or one with a NUL, is read at once. */
  public static boolean takes(byte[] body) {
    if (body.length > MAX_QUEUED_BYTES) {
      return false;
    }
    for (byte b : body) {
      if (b == 0) {
        return false; // PostgreSQL's text refuses it; it is not JSON anyway
      }
    }
    return true;
  }

  /**
   * Stores the delivery; returns once it is committed, so the caller may acknowledge it.
   *
   * @throws ChannelStorageException if it could not be stored (do not acknowledge)
   */
  public void store(byte[] body) {
    if (!takes(body)) {
      throw new IllegalArgumentException("not a body for the queue; read it at once");
    }
    commits.write(new Received(new String(body, StandardCharsets.UTF_8), clock.instant()));
    storedSinceLook.incrementAndGet();
    wake.release();
  }

  /** Starts the worker, which first reads what an earlier run left. */
  public synchronized void start() {
    if (worker == null) {
      running = true;
      worker = Thread.ofVirtual().name(webhook + "-webhook-queue").start(this::work);
    }
  }

  /** Waiting deliveries, the oldest's reception and the last failure, for the channel's status. */
  public Map<String, Object> status() {
    Map<String, Object> status = new LinkedHashMap<>();
    jdbc.queryOne(
            "count waiting " + webhook + " deliveries",
            "select count(*), min(received_at) as oldest from webhook_delivery where webhook = ?",
            row -> {
              status.put("waiting", row.getLong(1));
              Instant oldest = ChannelJdbc.instant(row, "oldest");
              status.put("oldestReceivedAt", oldest == null ? null : oldest.toString());
              return status;
            },
            webhook)
        .orElseThrow();
    status.put("lastFailure", lastFailure);
    return status;
  }

  private void insertTogether(List<Received> batch) {
    try (ChannelJdbc.Transaction tx =
        jdbc.begin("store " + batch.size() + " " + webhook + " deliveries")) {
      for (Received received : batch) {
        tx.update("store a " + webhook + " delivery", INSERT, insertValues(received));
      }
      tx.commit();
    }
  }

  private void insert(Received received) {
    jdbc.update("store a " + webhook + " delivery", INSERT, insertValues(received));
  }

  private static final String INSERT =
      "insert into webhook_delivery (webhook, body, received_at, attempts) values (?, ?, ?, 0)";

  private Object[] insertValues(Received received) {
    return new Object[] {webhook, received.body(), received.receivedAt()};
  }

  private void work() {
    Duration pause = Duration.ZERO;
    while (running) {
      try {
        if (pause.isZero()) {
          wake.tryAcquire(IDLE_LOOK.toMillis(), TimeUnit.MILLISECONDS);
        } else {
          Thread.sleep(pause);
        }
        wake.drainPermits();
        pause = drain() ? Duration.ZERO : next(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // Storage unavailable while claiming or deleting: what is claimed comes back after CLAIM.
        failed("the queue's table", e);
        pause = next(pause);
      }
    }
  }

  private static Duration next(Duration pause) {
    Duration doubled = pause.isZero() ? FIRST_PAUSE : pause.multipliedBy(2);
    return doubled.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : doubled;
  }

  /** Reads batches until none is left; false when storage was unavailable. */
  boolean drain() throws InterruptedException {
    storedSinceLook.set(0);
    while (running) {
      boolean busy = storedSinceLook.getAndSet(0) > 0;
      long started = System.nanoTime();
      Optional<Claim> claim = claim(busy ? BUSY_BATCH : batchSize);
      if (claim.isEmpty()) {
        return true;
      }
      List<Delivery> batch = claimed(claim.get());
      if (!batch.isEmpty() && !read(claim.get(), batch)) {
        return false;
      }
      if (busy) {
        // Acknowledgements first: they share the database (an embedded one: its one store lock,
        // and these cores) with this worker, and a delivery waits for its answer, not for its read.
        Thread.sleep(Duration.ofNanos((System.nanoTime() - started) * BUSY_YIELD));
      }
    }
    return true;
  }

  /**
   * A claim on the deliveries between two ids. Every statement on claimed rows names the range, so
   * that it reads the primary key's few rows there instead of scanning the whole table: a backlog
   * is many rows of long bodies, and a scan of them at every batch (as the claim's name alone would
   * need) cost more than reading the batch.
   */
  private record Claim(String name, long first, long last) {}

  private Optional<Claim> claim(int most) {
    Instant now = clock.instant();
    List<Long> free =
        jdbc.queryList(
            "find " + webhook + " deliveries to read",
            "select id from webhook_delivery where webhook = ?"
                + " and (claimed_until is null or claimed_until < ?) order by id limit "
                + most,
            row -> row.getLong(1),
            webhook,
            now);
    if (free.isEmpty()) {
      return Optional.empty();
    }
    Claim claim =
        new Claim(instance + "/" + claims.incrementAndGet(), free.getFirst(), free.getLast());
    // The condition is checked again on each row once locked: another instance may have claimed it
    // since it was found, and then keeps it. (A row committed meanwhile inside the range joins.)
    jdbc.update(
        "claim " + webhook + " deliveries",
        "update webhook_delivery set claimed_by = ?, claimed_until = ? where id between ? and ?"
            + " and webhook = ? and (claimed_until is null or claimed_until < ?)",
        claim.name(),
        now.plus(CLAIM),
        claim.first(),
        claim.last(),
        webhook,
        now);
    return Optional.of(claim);
  }

  private List<Delivery> claimed(Claim claim) {
    return jdbc.queryList(
        "read claimed " + webhook + " deliveries",
        "select id, body, received_at, attempts from webhook_delivery"
            + " where id between ? and ? and claimed_by = ? order by id",
        row ->
            new Delivery(
                row.getLong(1),
                row.getString(2),
                ChannelJdbc.instant(row, "received_at"),
                row.getInt(4)),
        claim.first(),
        claim.last(),
        claim.name());
  }

  /** Reads a claimed batch; false (and the claim released) when storage was unavailable. */
  private boolean read(Claim claim, List<Delivery> batch) {
    try {
      reader.store(batch);
      jdbc.update(
          "delete read " + webhook + " deliveries",
          "delete from webhook_delivery where id between ? and ? and claimed_by = ?",
          claim.first(),
          claim.last(),
          claim.name());
      lastFailure = null;
      return true;
    } catch (RuntimeException e) {
      if (isUnavailable(e)) {
        failed(batch.size() + " deliveries", e);
        release(claim);
        return false;
      }
      if (batch.size() == 1) {
        failedAlone(batch.getFirst(), e);
        return true;
      }
      // One delivery the reader cannot take must not hold the others: each on its own.
      for (Delivery delivery : batch) {
        Claim alone = new Claim(claim.name() + "/" + delivery.id(), delivery.id(), delivery.id());
        jdbc.update(
            "claim a " + webhook + " delivery",
            "update webhook_delivery set claimed_by = ? where id = ? and claimed_by = ?",
            alone.name(),
            delivery.id(),
            claim.name());
        if (!read(alone, List.of(delivery))) {
          release(claim);
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Whether storage as a whole failed (tried again later), as opposed to refusing what one delivery
   * holds (a value the database refuses is that delivery's, and must not hold the others).
   */
  private static boolean isUnavailable(RuntimeException e) {
    return e instanceof Ingest.IngestUnavailableException
        || (e instanceof ChannelStorageException storage && !storage.isRefusal());
  }

  private void failedAlone(Delivery delivery, RuntimeException e) {
    String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (delivery.attempts() + 1 >= MAX_ATTEMPTS) {
      log.error(
          "{} webhook: delivery {} could not be read after {} attempts; quarantined ({})",
          webhook,
          delivery.id(),
          MAX_ATTEMPTS,
          UntrustedText.forLog(reason),
          e);
      reader.giveUp(delivery, reason);
      jdbc.update(
          "delete a " + webhook + " delivery given up",
          "delete from webhook_delivery where id = ?",
          delivery.id());
      return;
    }
    failed("delivery " + delivery.id(), e);
    Duration pause = FIRST_PAUSE;
    for (int i = 0; i < delivery.attempts(); i++) {
      pause = next(pause);
    }
    jdbc.update(
        "note a failed " + webhook + " delivery",
        "update webhook_delivery set attempts = attempts + 1, last_error = ?, claimed_by = null,"
            + " claimed_until = ? where id = ?",
        reason.length() > 2000 ? reason.substring(0, 2000) : reason,
        clock.instant().plus(pause),
        delivery.id());
  }

  private void release(Claim claim) {
    try {
      jdbc.update(
          "release " + webhook + " deliveries",
          "update webhook_delivery set claimed_by = null, claimed_until = null"
              + " where id between ? and ? and claimed_by = ?",
          claim.first(),
          claim.last(),
          claim.name());
    } catch (ChannelStorageException e) {
      // Unavailable: the claim ends by itself after CLAIM.
    }
  }

  private void failed(String what, RuntimeException e) {
    lastFailure = clock.instant() + " " + what + ": " + e.getMessage();
    log.warn(
        "{} webhook: could not read {} yet ({}); trying again",
        webhook,
        what,
        UntrustedText.forLog(String.valueOf(e.getMessage())));
  }

  /** Stops the worker after the batch it is reading; what is left is read at the next start. */
  @Override
  public void close() throws InterruptedException {
    Thread stopping;
    synchronized (this) {
      stopping = worker;
      running = false;
      worker = null;
    }
    if (stopping != null) {
      wake.release();
      stopping.join(Duration.ofSeconds(10));
    }
  }
}
