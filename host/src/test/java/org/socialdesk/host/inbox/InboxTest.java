package org.socialdesk.host.inbox;

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
import org.socialdesk.host.conversations.InboundCodec;
import org.socialdesk.host.storage.Database;
import org.socialdesk.host.storage.SchemaMigrations;
import org.socialdesk.host.storage.Sql;

class InboxTest {

  @TempDir Path folder;
  private Database database;
  private Inbox inbox;
  private AutoCloseable afterDatabase = () -> {};

  /** H2 here; {@link InboxPostgresIT} runs every test on PostgreSQL. */
  DatabaseConfig databaseConfig() throws Exception {
    return new DatabaseConfig("jdbc:h2:file:" + folder.resolve("db"), "sa", Secret.of(""), 4);
  }

  /** Closed once the inbox and the database are (a throw-away PostgreSQL database is dropped). */
  void closeAfterDatabase(AutoCloseable resource) {
    afterDatabase = resource;
  }

  @AfterEach
  void close() throws Exception {
    try (AutoCloseable last = afterDatabase) {
      if (inbox != null) {
        inbox.close();
      }
      if (database != null) {
        database.close();
      }
    }
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

  @Test
  void controlCharactersInAPostsTextsAreReplacedAndThePostStored() throws Exception {
    inbox = open(() -> {});
    SocialPost dirty =
        new SocialPost(
            new PostKey("x", "42"),
            "42",
            null,
            new Author("x", "7\u0000", "nadia\u0000k", "Nadia\u001b[31m K.", 3, false, 0, null),
            "my order\u0000 is late\u0007\tplease\r\nhelp",
            Instant.parse("2026-11-23T10:00:00Z"),
            Visibility.PUBLIC,
            null,
            Engagement.NONE,
            Map.of("lang\u0000", "en\u0000"));

    assertThat(inbox.accept(new InboundEvent.NewPost(dirty))).isEqualTo(Ingest.Accepted.STORED);
    inbox.accept(
        new InboundEvent.PostEdited(
            new PostKey("x", "42"), "edited\u0000", Instant.parse("2026-11-23T10:05:00Z")));

    SocialPost stored = ((InboundEvent.NewPost) storedEvent("post")).post();
    assertThat(stored.text()).isEqualTo("my order\uFFFD is late\uFFFD\tplease\r\nhelp");
    assertThat(stored.author().handle()).isEqualTo("nadia\uFFFDk");
    assertThat(stored.author().accountId()).isEqualTo("7\uFFFD");
    assertThat(stored.author().displayName()).isEqualTo("Nadia\uFFFD[31m K.");
    assertThat(stored.attributes()).containsExactly(Map.entry("lang\uFFFD", "en\uFFFD"));
    assertThat(((InboundEvent.PostEdited) storedEvent("edit")).newText()).isEqualTo("edited\uFFFD");
  }

  @Test
  void anEventWhoseIdsAreOutsideTheSafeSetIsQuarantinedWithItsReasonAndNothingFails()
      throws Exception {
    inbox = open(() -> {});
    List<String> unsafe =
        List.of("12\"34", "a\u0000b", ".", "..", "a/b", "x".repeat(201), "line\nbreak");

    for (String id : unsafe) {
      assertThat(inbox.accept(new InboundEvent.NewPost(post(id))))
          .as(id)
          .isEqualTo(Ingest.Accepted.STORED);
    }
    inbox.accept(new InboundEvent.NewPost(reply("7", "..")));
    inbox.accept(
        new InboundEvent.PostDeleted(
            new PostKey("sandbox", "../etc"), Instant.parse("2026-11-23T10:00:00Z")));

    assertThat(rows()).isZero();
    List<Quarantine.Entry> kept = new Quarantine(new Sql(database.dataSource())).latest(20);
    assertThat(kept)
        .hasSize(unsafe.size() + 2)
        .allSatisfy(
            entry -> {
              assertThat(entry.network()).isEqualTo("sandbox");
              assertThat(entry.reason()).contains("id");
              assertThat(entry.payload()).doesNotContain("\u0000");
              assertThat(entry.receivedAt()).isNotNull();
            });
    assertThat(kept)
        .anySatisfy(entry -> assertThat(entry.reason()).contains("inReplyToId").contains("'..'"));
    assertThat(new Quarantine(new Sql(database.dataSource())).count()).isEqualTo(unsafe.size() + 2);
  }

  @Test
  void anEventTheDatabaseRefusesIsQuarantinedWithoutFailingTheOthersOfItsBatch() throws Exception {
    inbox = open(() -> {});
    List<Future<Ingest.Accepted>> answers = new ArrayList<>();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 60; i++) {
        String id = Integer.toString(i);
        // A network name longer than the inbox's column: the database itself refuses the row.
        String network = i % 20 == 0 ? "n".repeat(60) : "sandbox";
        answers.add(
            senders.submit(() -> inbox.accept(new InboundEvent.NewPost(post(network, id)))));
      }
    }
    for (Future<Ingest.Accepted> answer : answers) {
      assertThat(answer.get()).isEqualTo(Ingest.Accepted.STORED);
    }

    assertThat(rows()).isEqualTo(57);
    assertThat(new Quarantine(new Sql(database.dataSource())).latest(10))
        .hasSize(3)
        .allSatisfy(entry -> assertThat(entry.reason()).startsWith("the database refused it"));
  }

  @Test
  void whatAChannelCannotReadIsQuarantinedWithControlCharactersEscaped() throws Exception {
    inbox = open(() -> {});

    inbox.quarantine("x", "{\"id\": \"1\u0000\"} \u001b[2J", "malformed JSON\n\u0000: line 1");

    Quarantine.Entry entry = new Quarantine(new Sql(database.dataSource())).latest(1).getFirst();
    assertThat(entry.network()).isEqualTo("x");
    assertThat(entry.payload()).isEqualTo("{\"id\": \"1\\u0000\"} \\u001b[2J");
    assertThat(entry.reason()).isEqualTo("malformed JSON\n\uFFFD: line 1");
  }

  private Inbox open(Runnable onStored) throws Exception {
    database = Database.open(databaseConfig());
    new SchemaMigrations(database.dataSource()).applyHost();
    return new Inbox(database.dataSource(), Clock.systemUTC(), onStored);
  }

  private long rows() {
    return new Sql(database.dataSource())
        .queryOne("select count(*) from inbox", row -> row.getLong(1))
        .orElseThrow();
  }

  private InboundEvent storedEvent(String type) {
    return new Sql(database.dataSource())
        .queryOne(
            "select event_type, payload from inbox where event_type = ?",
            row -> InboundCodec.decode(row.getString(1), row.getString(2)),
            type)
        .orElseThrow();
  }

  private static SocialPost post(String network, String id) {
    return new SocialPost(
        new PostKey(network, id),
        "c1",
        null,
        Author.of(network, "a", "a"),
        "text",
        Instant.parse("2026-11-23T10:00:00Z"),
        Visibility.PUBLIC,
        null,
        Engagement.NONE,
        Map.of());
  }

  private static SocialPost reply(String id, String inReplyToId) {
    return new SocialPost(
        new PostKey("sandbox", id),
        id,
        inReplyToId,
        Author.of("sandbox", "a", "a"),
        "text",
        Instant.parse("2026-11-23T10:00:00Z"),
        Visibility.PUBLIC,
        null,
        Engagement.NONE,
        Map.of());
  }

  private static SocialPost post(String id) {
    return new SocialPost(
        new PostKey("sandbox", id),
        id,
        null,
        Author.of("sandbox", "a", "a"),
        "text " + id,
        Instant.parse("2026-11-23T10:00:00Z"),
        Visibility.PUBLIC,
        null,
        Engagement.NONE,
        Map.of());
  }
}
