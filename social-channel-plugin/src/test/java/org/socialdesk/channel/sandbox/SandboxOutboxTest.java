package org.socialdesk.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.TestingDatabase;

class SandboxOutboxTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  private DataSource database;
  private SandboxOutbox outbox;

  @BeforeEach
  void createDatabase() {
    database = TestingDatabase.create(ChannelChangelog.RESOURCE);
    outbox = new SandboxOutbox(database);
  }

  @Test
  void listsWhatWasPublishedNewestFirst() throws Exception {
    outbox.publishOnce(SandboxPublisherTest.reply("k1", Visibility.PUBLIC, "first"), T0);
    outbox.publishOnce(
        SandboxPublisherTest.reply("k2", Visibility.PRIVATE, "second"), T0.plusSeconds(60));

    assertThat(outbox.newestFirst(null, 10))
        .containsExactly(
            new SandboxOutbox.Entry(
                "sb-2", "p-1", "p-1", "alice", Visibility.PRIVATE, "second", T0.plusSeconds(60)),
            new SandboxOutbox.Entry("sb-1", "p-1", "p-1", "alice", Visibility.PUBLIC, "first", T0));
  }

  @Test
  void listsFromAnInstantOnwardsUpToALimit() throws Exception {
    for (int minute = 0; minute < 5; minute++) {
      outbox.publishOnce(
          SandboxPublisherTest.reply("k" + minute, Visibility.PUBLIC, "reply " + minute),
          T0.plus(Duration.ofMinutes(minute)));
    }

    assertThat(outbox.newestFirst(T0.plus(Duration.ofMinutes(2)), 10))
        .extracting(SandboxOutbox.Entry::text)
        .containsExactly("reply 4", "reply 3", "reply 2");
    assertThat(outbox.newestFirst(null, 2))
        .extracting(SandboxOutbox.Entry::text)
        .containsExactly("reply 4", "reply 3");
  }

  @Test
  void recordsAReplyOnceWhenTheSameKeyIsPublishedConcurrently() throws Exception {
    Callable<SandboxOutbox.Entry> publish =
        () -> outbox.publishOnce(SandboxPublisherTest.reply("same", Visibility.PUBLIC, "hi"), T0);
    List<SandboxOutbox.Entry> entries;
    try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
      List<Future<SandboxOutbox.Entry>> futures =
          IntStream.range(0, 8).mapToObj(i -> threads.submit(publish)).toList();
      entries = futures.stream().map(SandboxOutboxTest::join).toList();
    }

    assertThat(entries).allSatisfy(entry -> assertThat(entry).isEqualTo(entries.getFirst()));
    assertThat(outbox.newestFirst(null, 10)).hasSize(1);
  }

  @Test
  void keepsTheTextColumnRequiredAfterWideningIt() throws Exception {
    try (Connection connection = database.getConnection();
        ResultSet column =
            connection.getMetaData().getColumns(null, null, "SANDBOX_PUBLISHED", "TEXT")) {
      assertThat(column.next()).isTrue();
      assertThat(column.getInt("COLUMN_SIZE")).isEqualTo(20_000);
      assertThat(column.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNoNulls);
    }
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
