package org.socialdesk.host.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.host.config.PipelineConfig;
import org.socialdesk.host.pipeline.Pipeline;
import org.socialdesk.host.pipeline.PipelineFixture;
import org.socialdesk.host.plugin.Extensions;
import org.socialdesk.host.testing.CountingDataSource;

/**
 * What routing a new post costs the database: the statements and commits per post of a burst of new
 * conversations, as in the throughput benchmark (docs/benchmarks.md), counted on H2 here and on
 * PostgreSQL in {@link RoutingCostPostgresIT}.
 */
class RoutingCostTest {

  private static final int POSTS = 60;

  @TempDir Path folder;

  private PipelineFixture fixture;
  private Pipeline pipeline;

  PipelineFixture openFixture() throws Exception {
    return PipelineFixture.onH2(folder, 10);
  }

  @BeforeEach
  void open() throws Exception {
    fixture = openFixture();
  }

  @AfterEach
  void close() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  /** Statements of the intake's own tables (not the reply path's, nor the heartbeat's). */
  private static boolean routing(String sql) {
    return ROUTING_TABLES.matcher(sql).find()
        && !sql.contains("outbox")
        && !sql.contains("agent_reply");
  }

  private static final Pattern ROUTING_TABLES =
      Pattern.compile("\\b(inbox|inbox_lease|conversation|post_ticket)\\b");

  @Test
  void eachPostOfABurstIsPlacedOnceAndRoutedInAFewTransactions() throws Exception {
    CountingDataSource counting = new CountingDataSource(fixture.dataSource());
    pipeline =
        new Pipeline(
            counting.dataSource(),
            Clock.systemUTC(),
            fixture.helpdesk,
            fixture.newBus(),
            fixture.metrics,
            new PipelineConfig(8, Duration.ofMillis(50), Duration.ofMillis(200)),
            "Social",
            Duration.ofHours(1));
    pipeline.start(Extensions.NONE);
    Ingest ingest = pipeline.ingest();
    // The first post and the loops' first rounds are not counted.
    ingest.accept(
        new InboundEvent.NewPost(PipelineFixture.post("warm", "warm", null, "hi", Instant.now())));
    fixture.awaitInboxDone("warm");
    counting.reset();

    for (int i = 0; i < POSTS; i++) {
      ingest.accept(
          new InboundEvent.NewPost(
              PipelineFixture.post("p" + i, "c" + i, null, "post " + i, Instant.now())));
    }
    PipelineFixture.await()
        .atMost(PipelineFixture.WAIT)
        .until(() -> fixture.inboxCount("done") == POSTS + 1);

    Map<String, Long> statements = counting.statements();
    statements.forEach((sql, count) -> System.out.printf("%5d  %s%n", count, sql));
    double statementsPerPost = (double) counting.statementCount(RoutingCostTest::routing) / POSTS;
    double commitsPerPost = (double) counting.commitCount(RoutingCostTest::routing) / POSTS;
    System.out.printf(
        "per post: %.2f statements, %.2f transactions of the intake%n",
        statementsPerPost, commitsPerPost);
    // Workers racing to place the same new rows decoded and wrote each place several times.
    assertThat(statements)
        .containsEntry(
            "update inbox set ordering_key = ?, posted_at = ? where id = ? and ordering_key is null",
            (long) POSTS);
    // The routed row's key is the one it was claimed under: not read again.
    assertThat(statements).doesNotContainKey("select ordering_key from inbox where id = ?");
    // 15 per post before placement was batched and the lease given back with the last look.
    assertThat(commitsPerPost).isLessThan(12);
  }
}
