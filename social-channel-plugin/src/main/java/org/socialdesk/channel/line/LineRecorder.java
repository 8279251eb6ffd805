package org.socialdesk.channel.line;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * Group commit for the channel's own rows on the webhook's path: each caller queues its message,
 * then takes the lock; whoever holds it writes every message queued at that moment in one
 * transaction ({@link LineMessages#recordAll}) and answers them all, so a burst of deliveries pays
 * one commit, not one each. A caller returns only once its row is committed (or the batch failed:
 * then each row of the batch is written alone, so one bad row fails only its own delivery).
 */
final class LineRecorder {

  private final LineMessages messages;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock lock = new ReentrantLock();

  LineRecorder(LineMessages messages) {
    this.messages = messages;
  }

  private static final class Pending {
    final LineIncoming message;
    final java.time.Instant at;
    volatile boolean done;
    volatile RuntimeException failure;

    Pending(LineIncoming message, java.time.Instant at) {
      this.message = message;
      this.at = at;
    }
  }

  /** Records the message and marks its webhook event handled; returns once committed. */
  void record(LineIncoming message, java.time.Instant at) {
    Pending pending = new Pending(message, at);
    queue.add(pending);
    lock.lock();
    try {
      if (!pending.done) {
        flush();
      }
    } finally {
      lock.unlock();
    }
    if (pending.failure != null) {
      throw pending.failure;
    }
  }

  private void flush() {
    List<Pending> batch = new ArrayList<>();
    for (Pending next; (next = queue.poll()) != null; ) {
      batch.add(next);
    }
    try {
      messages.recordAll(batch.stream().map(p -> p.message).toList(), batch.getFirst().at);
      batch.forEach(p -> p.done = true);
    } catch (ChannelStorageException e) {
      for (Pending p : batch) {
        try {
          messages.recordCustomer(p.message, p.at);
        } catch (RuntimeException alone) {
          p.failure = alone;
        }
        p.done = true;
      }
    }
  }
}
