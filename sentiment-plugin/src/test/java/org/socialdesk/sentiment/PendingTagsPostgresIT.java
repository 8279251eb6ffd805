package org.socialdesk.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.testkit.TestingPostgres;

/** The waiting tags on the production database path, Debian's PostgreSQL (scripts/postgres). */
class PendingTagsPostgresIT {

  private static final TicketRef TICKET = new TicketRef("rt", "7001");
  private static final TicketUpdate TAGS =
      new TicketUpdate(40, null, null, Map.of("Sentiment", "negative", "Language", "th"));

  @Test
  void aWaitingTagIsClaimedByOneInstanceAtATimeAndKeepsItsFields() throws Exception {
    try (TestingPostgres postgres =
        TestingPostgres.create("org/socialdesk/sentiment/changelog.yaml")) {
      PendingTags pending = new PendingTags(postgres.dataSource(), Clock.systemUTC());
      pending.add(TICKET, TAGS, Duration.ZERO);
      pending.add(
          TICKET, new TicketUpdate(10, null, null, Map.of("Sentiment", "positive")), Duration.ZERO);

      List<PendingTags.Pending> first = pending.claimDue(10, Duration.ofMinutes(2));
      List<PendingTags.Pending> second = pending.claimDue(10, Duration.ofMinutes(2));

      assertThat(first).containsExactly(new PendingTags.Pending(TICKET, TAGS, 0));
      assertThat(second).as("claimed for two minutes").isEmpty();
      pending.retryAt(TICKET, 1, Clock.systemUTC().instant().minusSeconds(1));
      assertThat(pending.claimDue(10, Duration.ofMinutes(2)))
          .containsExactly(new PendingTags.Pending(TICKET, TAGS, 1));
      pending.remove(TICKET);
      assertThat(pending.isEmpty()).isTrue();
    }
  }

  @Test
  void instancesClaimingTogetherTakeEachTagOnce() throws Exception {
    try (TestingPostgres postgres =
            TestingPostgres.create("org/socialdesk/sentiment/changelog.yaml");
        ExecutorService instances = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 50; i++) {
        new PendingTags(postgres.dataSource(), Clock.systemUTC())
            .add(new TicketRef("rt", "t" + i), TAGS, Duration.ZERO);
      }
      Callable<Integer> claimAll =
          () -> {
            PendingTags mine = new PendingTags(postgres.dataSource(), Clock.systemUTC());
            int taken = 0;
            for (int round = 0; round < 10; round++) {
              taken += mine.claimDue(10, Duration.ofMinutes(2)).size();
            }
            return taken;
          };
      List<Future<Integer>> claims =
          instances.invokeAll(List.of(claimAll, claimAll, claimAll, claimAll));

      int total = 0;
      for (Future<Integer> claim : claims) {
        total += claim.get();
      }
      assertThat(total).isEqualTo(50);
    }
  }
}
