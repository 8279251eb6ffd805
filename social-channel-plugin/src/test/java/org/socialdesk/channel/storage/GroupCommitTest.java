package org.socialdesk.channel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  private final Set<Integer> committed = ConcurrentHashMap.newKeySet();
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

  @Test
  void eachCallerReturnsOnlyOnceItsWorkIsCommittedAndABurstSharesCommits() throws Exception {
    GroupCommit<Integer> commits =
        new GroupCommit<>(
            batch -> {
              sleep(5); // a commit's cost, during which the others queue
              batchSizes.add(batch.size());
              committed.addAll(batch);
            },
            committed::add);
    List<Future<Boolean>> calls = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 300; i++) {
        int work = i;
        calls.add(
            callers.submit(
                () -> {
                  commits.write(work);
                  return committed.contains(work);
                }));
      }
      for (Future<Boolean> call : calls) {
        assertThat(call.get()).as("committed when write returned").isTrue();
      }
    }
    assertThat(committed).hasSize(300);
    assertThat(batchSizes.size()).as("commits for 300 callers").isLessThan(300);
  }

  @Test
  void aFailedBatchIsWrittenAgainOneByOneSoOnlyTheBadWorkFails() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    GroupCommit<Integer> commits =
        new GroupCommit<>(
            batch -> {
              if (batch.contains(0)) { // the first batch: hold the lock until the others queue
                holding.countDown();
                await(release);
                committed.addAll(batch);
                return;
              }
              if (batch.contains(13)) {
                throw new ChannelStorageException(
                    "insert", new java.sql.SQLException("bad", "22001"));
              }
              committed.addAll(batch);
            },
            work -> {
              if (work == 13) {
                throw new ChannelStorageException(
                    "insert 13", new java.sql.SQLException("bad", "22001"));
              }
              committed.add(work);
            });
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> first = callers.submit(() -> commits.write(0));
      assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
      List<Future<?>> others = new ArrayList<>();
      for (int work : new int[] {12, 13, 14}) {
        others.add(callers.submit(() -> commits.write(work)));
      }
      Thread.sleep(100); // let the three queue behind the first batch
      release.countDown();
      first.get();
      others.get(0).get();
      assertThatThrownBy(() -> others.get(1).get())
          .hasCauseInstanceOf(ChannelStorageException.class);
      others.get(2).get();
    }
    assertThat(committed).containsExactlyInAnyOrder(0, 12, 14);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
