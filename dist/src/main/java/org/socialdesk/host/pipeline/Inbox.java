package org.socialdesk.host.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;

/**
 * Stores what channels hand in. {@link #accept} returns only after the event is committed, so an
 * acknowledged post is on disk; a redelivered post is reported as a duplicate.
 *
 * <p>Group commit: one writer takes every event waiting at that moment and stores them in one
 * transaction, then answers all their callers. A busy webhook pays one commit per batch instead of
 * one per delivery, and nothing is acknowledged before it is stored.
 */
public final class Inbox implements Ingest, AutoCloseable {

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

  private record Waiting(InboundEvent event, CompletableFuture<Accepted> result) {}

  /**
   * @param onStored called after new events are committed, to wake the pipeline
   */
  public Inbox(DataSource dataSource, Clock clock, Runnable onStored) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.onStored = onStored;
    this.writer = Thread.ofVirtual().name("inbox-writer").start(this::writeLoop);
  }

  @Override
  public Accepted accept(InboundEvent event) {
    Waiting entry = new Waiting(event, new CompletableFuture<>());
    if (!running || !waiting.offer(entry)) {
      throw new IngestUnavailableException("the inbox is " + (running ? "full" : "closed") + "; " + event.key() + " was not stored", null);
    }
    try {
      return entry.result().get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IngestUnavailableException("could not store " + event.key() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      // It may still be stored: the network's redelivery is then answered as a duplicate.
      throw new IngestUnavailableException("storing " + event.key() + " took longer than " + STORE_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestUnavailableException("interrupted while storing " + event.key(), e);
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

  /** Stores a batch in one transaction; every caller gets its own answer, or the batch's failure. */
  private void store(List<Waiting> batch) {
    List<Accepted> answers = new ArrayList<>(batch.size());
    Instant now = clock.instant();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        for (Waiting entry : batch) {
          bind(insert, entry.event(), now);
          answers.add(insert.executeUpdate() == 1 ? Accepted.STORED : Accepted.DUPLICATE);
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      batch.forEach(entry -> entry.result().completeExceptionally(e));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(answers.get(i));
    }
    if (answers.contains(Accepted.STORED)) {
      onStored.run();
    }
  }

  private static void bind(PreparedStatement insert, InboundEvent event, Instant now) throws SQLException {
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
