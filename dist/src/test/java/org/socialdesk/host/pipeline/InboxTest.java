package org.socialdesk.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.Secret;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.host.config.DatabaseConfig;
import org.socialdesk.host.storage.Database;
import org.socialdesk.host.storage.SchemaMigrations;
import org.socialdesk.host.storage.Sql;

class InboxTest {

  @TempDir Path folder;
  private Database database;
  private Inbox inbox;

  @AfterEach
  void close() throws Exception {
    if (inbox != null) {
      inbox.close();
    }
    database.close();
  }

  @Test
  void concurrentDeliveriesAreEachStoredOnceAndEveryCallerHearsWhatHappened() throws Exception {
    AtomicInteger wakeUps = new AtomicInteger();
    inbox = open(wakeUps::incrementAndGet);
    List<Future<Ingest.Accepted>> answers = new ArrayList<>();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 300; i++) {
        String id = Integer.toString(i % 200);
        answers.add(senders.submit(() -> inbox.accept(new InboundEvent.NewPost(post(id)))));
      }
    }
    long stored = 0;
    for (Future<Ingest.Accepted> answer : answers) {
      stored += answer.get() == Ingest.Accepted.STORED ? 1 : 0;
    }

    assertThat(stored).isEqualTo(200);
    assertThat(rows()).isEqualTo(200);
    assertThat(wakeUps.get()).isPositive();
  }

  @Test
  void aClosedInboxRefusesRatherThanPretendingToStore() throws Exception {
    inbox = open(() -> {});
    inbox.close();

    assertThatThrownBy(() -> inbox.accept(new InboundEvent.NewPost(post("late"))))
        .isInstanceOf(Ingest.IngestUnavailableException.class)
        .hasMessageContaining("closed");
    assertThat(rows()).isZero();
  }

  private Inbox open(Runnable onStored) {
    database = Database.open(new DatabaseConfig("jdbc:h2:file:" + folder.resolve("db"), "sa", Secret.of(""), 4));
    new SchemaMigrations(database.dataSource()).applyHost();
    return new Inbox(database.dataSource(), Clock.systemUTC(), onStored);
  }

  private long rows() {
    return new Sql(database.dataSource()).queryOne("select count(*) from inbox", row -> row.getLong(1)).orElseThrow();
  }

  private static SocialPost post(String id) {
    return new SocialPost(new PostKey("sandbox", id), id, null, Author.of("sandbox", "a", "a"), "text " + id,
        Instant.parse("2026-11-23T10:00:00Z"), Visibility.PUBLIC, null, Engagement.NONE, Map.of());
  }
}
