package org.socialdesk.channel.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit for a channel's own rows on a webhook's path: each caller queues its work, then
 * takes the lock; whoever holds it writes everything queued at that moment in one transaction and
 * answers every caller of that batch, so a burst of deliveries pays one commit, not one each. A
 * caller returns only once its own work is committed: nothing is acknowledged before it is stored.
 *
 * <p>When the batch's transaction fails (a concurrent writer on another instance made a row unique
 * first, or one row is refused), each piece of work is written again alone, so one bad delivery
 * fails only itself.
 *
 * @param <T> one caller's work (a delivery's rows, one message)
 */
public final class GroupCommit<T> {

  private final Consumer<List<T>> writeAll;
  private final Consumer<T> writeOne;
  private final ConcurrentLinkedQueue<Pending<T>> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * @param writeAll writes a batch in one transaction, or throws and writes nothing
   * @param writeOne writes one caller's work alone, after its batch failed
   */
  public GroupCommit(Consumer<List<T>> writeAll, Consumer<T> writeOne) {
    this.writeAll = Objects.requireNonNull(writeAll, "writeAll");
    this.writeOne = Objects.requireNonNull(writeOne, "writeOne");
  }

  private static final class Pending<T> {
    final T work;
    volatile boolean done;
    volatile RuntimeException failure;

    Pending(T work) {
      this.work = work;
    }
  }

  /**
   * Writes {@code work}, with whatever other callers queued meanwhile; returns once it is
   * committed.
   *
   * @throws ChannelStorageException (or what {@code writeOne} threw) if it could not be written
   */
  public void write(T work) {
    Pending<T> pending = new Pending<>(work);
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
    List<Pending<T>> batch = new ArrayList<>();
    for (Pending<T> next; (next = queue.poll()) != null; ) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      writeAll.accept(batch.stream().map(p -> p.work).toList());
      batch.forEach(p -> p.done = true);
    } catch (RuntimeException e) {
      for (Pending<T> p : batch) {
        try {
          writeOne.accept(p.work);
        } catch (RuntimeException alone) {
          p.failure = alone;
        }
        p.done = true;
      }
    }
  }
}
