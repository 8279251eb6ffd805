package org.socialdesk.host.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.host.conversations.InboundCodec;

/**
 * Stores what channels hand in. {@link #accept} returns only after the event is committed, so an
 * acknowledged post is on disk; a redelivered post is reported as a duplicate.
 *
 * <p>Group commit: one writer takes every event waiting at that moment and stores them in one
 * transaction, then answers all their callers. A busy webhook pays one commit per batch instead of
 * one per delivery, and nothing is acknowledged before it is stored.
 *
 * <p>Nothing a network sends makes it fail (see {@link IntakeRules}): texts are cleaned of control
 * characters, and an event with an id the host cannot keep, or one the database refuses, goes to
 * the {@link Quarantine} with the reason and is answered {@link Accepted#STORED}, so the network
 * stops sending it. When a batch fails because the database refused one of its rows, each event is
 * stored again on its own, so one bad event never fails the others. Only an unavailable database
 * makes {@link #accept} throw.
 */
final class Inbox implements Ingest, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);
  private static final int MAX_BATCH = 256;
  private static final int MAX_WAITING = 10_000;
  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);
  private static final String INSERT =
      "insert into inbox (network, dedupe_key, post_id, event_type, payload, received_at, state, attempts, next_attempt_at)"
          + " values (?, ?, ?, ?, ?, ?, 'pending', 0, ?) on conflict do nothing";

  private final DataSource dataSource;
  private final Clock clock;
  private final Runnable onStored;
  private final LinkedBlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
  private final Thread writer;
  private volatile boolean running = true;

  /** Something waiting for the writer, and its caller's answer. */
  private sealed interface Waiting {
    CompletableFuture<Accepted> result();
  }

  private record ToStore(InboundEvent event, CompletableFuture<Accepted> result)
      implements Waiting {}

  private record ToQuarantine(
      String network, String payload, String reason, CompletableFuture<Accepted> result)
      implements Waiting {}

  /**
   * @param onStored called after new events are committed, to wake the pipeline
   */
  Inbox(DataSource dataSource, Clock clock, Runnable onStored) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.onStored = onStored;
    this.writer = Thread.ofVirtual().name("inbox-writer").start(this::writeLoop);
  }

  @Override
  public Accepted accept(InboundEvent event) {
    String what = UntrustedText.forLog(event.key());
    Optional<String> problem = IntakeRules.idProblem(event);
    if (problem.isPresent()) {
      log.warn("Inbox: quarantined an event {} ({})", what, UntrustedText.forLog(problem.get()));
      return await(
          new ToQuarantine(
              event.key().network(),
              InboundCodec.encode(event),
              problem.get(),
              new CompletableFuture<>()),
          what);
    }
    return await(new ToStore(IntakeRules.clean(event), new CompletableFuture<>()), what);
  }

  @Override
  public void quarantine(String network, String payload, String reason) {
    await(
        new ToQuarantine(network, payload, reason, new CompletableFuture<>()),
        "a payload of " + UntrustedText.forLog(network));
  }

  private Accepted await(Waiting entry, String what) {
    if (!running || !waiting.offer(entry)) {
      throw new IngestUnavailableException(
          "the inbox is " + (running ? "full" : "closed") + "; " + what + " was not stored", null);
    }
    try {
      return entry.result().get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IngestUnavailableException(
          "could not store " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      // It may still be stored: the network's redelivery is then answered as a duplicate.
      throw new IngestUnavailableException(
          "storing " + what + " took longer than " + STORE_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestUnavailableException("interrupted while storing " + what, e);
    }
  }

  private void writeLoop() {
    while (running || !waiting.isEmpty()) {
      List<Waiting> batch = new ArrayList<>();
      try {
        Waiting first = waiting.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        waiting.drainTo(batch, MAX_BATCH - 1);
        store(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        batch.forEach(w -> w.result().completeExceptionally(e));
        return;
      }
    }
  }

  /**
   * Stores a batch in one transaction; every caller gets its own answer. If the database refused a
   * row, each entry is stored on its own and a refused event goes to quarantine; if the database is
   * unavailable, every caller gets the failure.
   */
  private void store(List<Waiting> batch) {
    List<Accepted> answers;
    try {
      answers = write(batch, clock.instant());
    } catch (SQLException | RuntimeException e) {
      if (!isRefusal(e)) {
        batch.forEach(entry -> entry.result().completeExceptionally(e));
      } else if (batch.size() > 1) {
        batch.forEach(entry -> store(List.of(entry)));
      } else if (batch.getFirst()
          instanceof ToStore(InboundEvent event, CompletableFuture<Accepted> result)) {
        String reason = "the database refused it: " + e.getMessage();
        log.warn(
            "Inbox: quarantined an event {} ({})",
            UntrustedText.forLog(event.key()),
            UntrustedText.forLog(reason));
        store(
            List.of(
                new ToQuarantine(
                    event.key().network(), InboundCodec.encode(event), reason, result)));
      } else {
        batch.getFirst().result().completeExceptionally(e);
      }
      return;
    }
    boolean stored = false;
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(answers.get(i));
      stored |= batch.get(i) instanceof ToStore && answers.get(i) == Accepted.STORED;
    }
    if (stored) {
      onStored.run();
    }
  }

  private List<Accepted> write(List<Waiting> batch, Instant now) throws SQLException {
    List<Accepted> answers = new ArrayList<>(batch.size());
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        for (Waiting entry : batch) {
          answers.add(
              switch (entry) {
                case ToStore store -> {
                  bind(insert, store.event(), now);
                  yield insert.executeUpdate() == 1 ? Accepted.STORED : Accepted.DUPLICATE;
                }
                case ToQuarantine kept -> {
                  Quarantine.insert(connection, kept.network(), kept.payload(), kept.reason(), now);
                  yield Accepted.STORED;
                }
              });
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
    return answers;
  }

  /**
   * Whether the database refused what was sent (a data exception, SQLSTATE class 22, such as a NUL
   * in text or a value too long; or a constraint, class 23), or it could not be encoded, as opposed
   * to the database being unavailable.
   */
  private static boolean isRefusal(Exception e) {
    if (e instanceof SQLException sql) {
      String state = sql.getSQLState();
      return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
    return true;
  }

  private static void bind(PreparedStatement insert, InboundEvent event, Instant now)
      throws SQLException {
    insert.setString(1, event.key().network());
    insert.setString(2, InboundCodec.dedupeKey(event));
    insert.setString(3, event.key().postId());
    insert.setString(4, InboundCodec.typeOf(event));
    insert.setString(5, InboundCodec.encode(event));
    insert.setTimestamp(6, Timestamp.from(now));
    insert.setTimestamp(7, Timestamp.from(now));
  }

  /** Stores what is waiting, then stops taking events. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    writer.join(STORE_TIMEOUT);
  }
}
