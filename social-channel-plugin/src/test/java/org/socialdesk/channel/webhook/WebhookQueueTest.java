package org.socialdesk.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.channel.storage.ChannelStorageException;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;

class WebhookQueueTest {

  private static final Instant NOW = Instant.parse("2026-03-13T10:00:00Z");

  private final DataSource db = TestingDatabase.create(ChannelChangelog.RESOURCE);
  private final SettableClock clock = new SettableClock(NOW);
  private final List<WebhookQueue> queues = new ArrayList<>();

  /** What a reader was handed, and what it gave up; it fails as {@link #failing} says. */
  private static final class RecordingReader implements WebhookQueue.Reader {
    final List<String> read = Collections.synchronizedList(new ArrayList<>());
    final List<String> givenUp = Collections.synchronizedList(new ArrayList<>());
    final List<Instant> receivedAt = Collections.synchronizedList(new ArrayList<>());
    volatile Consumer<List<WebhookQueue.Delivery>> failing = batch -> {};

    @Override
    public void store(List<WebhookQueue.Delivery> deliveries) {
      failing.accept(deliveries);
      deliveries.forEach(
          d -> {
            read.add(d.body());
            receivedAt.add(d.receivedAt());
          });
    }

    @Override
    public void giveUp(WebhookQueue.Delivery delivery, String reason) {
      givenUp.add(delivery.body() + " / " + reason);
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (WebhookQueue queue : queues) {
      queue.close();
    }
  }

  private WebhookQueue queue(RecordingReader reader) {
    WebhookQueue queue = new WebhookQueue("meta", db, clock, reader);
    queues.add(queue);
    return queue;
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private long waiting() {
    return new ChannelJdbc(db)
        .queryOne("count", "select count(*) from webhook_delivery", row -> row.getLong(1))
        .orElseThrow();
  }

  @Test
  void aStoredDeliveryIsReadWithTheTimeItWasReceivedThenDeleted() {
    RecordingReader reader = new RecordingReader();
    WebhookQueue queue = queue(reader);
    queue.start();

    queue.store(bytes("{\"n\":1}"));
    clock.set(NOW.plusSeconds(90));
    queue.store(bytes("{\"n\":2,\"text\":\"ส่งของช้า / دیر رسید\"}"));

    await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0);
    assertThat(reader.read)
        .containsExactly("{\"n\":1}", "{\"n\":2,\"text\":\"ส่งของช้า / دیر رسید\"}");
    assertThat(reader.receivedAt).containsExactly(NOW, NOW.plusSeconds(90));
  }

  @Test
  void whileTheWebhookKeepsStoringTheWorkerReadsAFewAtATimeThenAllOnceItIsQuiet() {
    RecordingReader reader = new RecordingReader();
    WebhookQueue queue = queue(reader);
    for (int i = 0; i < 250; i++) {
      queue.store(bytes("{\"before\":" + i + "}"));
    }
    List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
    reader.failing =
        batch -> {
          batches.add(batch.size());
          if (batches.size() <= 3) {
            queue.store(bytes("{\"during\":" + batches.size() + "}")); // the webhook is busy
          }
        };

    queue.start();

    await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 0);
    assertThat(batches.subList(0, 5))
        .as("quiet at first, then busy for three batches, then quiet")
        .containsExactly(
            WebhookQueue.BATCH,
            WebhookQueue.BUSY_BATCH,
            WebhookQueue.BUSY_BATCH,
            WebhookQueue.BUSY_BATCH,
            WebhookQueue.BATCH);
    assertThat(reader.read).hasSize(253).doesNotHaveDuplicates();
    assertThat(waiting()).isZero();
  }

  @Test
  void aDeliveryStoredBeforeACrashIsReadByTheNextRun() throws Exception {
    RecordingReader first = new RecordingReader();
    WebhookQueue crashed = queue(first);
    crashed.store(bytes("{\"n\":1}"));
    crashed.store(bytes("{\"n\":2}"));
    assertThat(waiting()).as("stored, acknowledged, not yet read").isEqualTo(2);

    RecordingReader next = new RecordingReader();
    queue(next).start();

    await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0);
    assertThat(next.read).containsExactly("{\"n\":1}", "{\"n\":2}");
    assertThat(first.read).isEmpty();
  }

  @Test
  void whenStorageIsUnavailableTheDeliveriesWaitAndAreReadOnceItIsBack() {
    RecordingReader reader = new RecordingReader();
    reader.failing =
        batch -> {
          throw new Ingest.IngestUnavailableException("the inbox is closed", null);
        };
    WebhookQueue queue = queue(reader);
    queue.start();
    queue.store(bytes("{\"n\":1}"));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> String.valueOf(queue.status().get("lastFailure")).contains("inbox is closed"));
    assertThat(waiting()).isEqualTo(1);
    assertThat(queue.status())
        .containsEntry("waiting", 1L)
        .containsEntry("oldestReceivedAt", NOW.toString());

    reader.failing = batch -> {};
    await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0);
    assertThat(reader.read).containsExactly("{\"n\":1}");
    assertThat(reader.givenUp).isEmpty();
    assertThat(queue.status()).containsEntry("waiting", 0L).containsEntry("lastFailure", null);
  }

  @Test
  void aDeliveryTheReaderCannotTakeHoldsNoOtherAndIsGivenUpAfterItsAttempts() {
    RecordingReader reader = new RecordingReader();
    reader.failing =
        batch -> {
          if (batch.stream().anyMatch(d -> d.body().contains("poison"))) {
            throw new IllegalStateException("cannot read this one");
          }
        };
    WebhookQueue queue = queue(reader);
    queue.store(bytes("{\"n\":1}"));
    queue.store(bytes("{\"poison\":true}"));
    queue.store(bytes("{\"n\":3}"));
    queue.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> reader.read.size() == 2);
    assertThat(reader.read).containsExactly("{\"n\":1}", "{\"n\":3}");
    for (int attempt = 2; attempt <= WebhookQueue.MAX_ATTEMPTS; attempt++) {
      assertThat(reader.givenUp).isEmpty();
      clock.set(clock.instant().plus(WebhookQueue.MAX_PAUSE).plusSeconds(1));
      queue.store(bytes("{\"wake\":" + attempt + "}"));
      int readSoFar = attempt + 1;
      await().atMost(Duration.ofSeconds(10)).until(() -> reader.read.size() == readSoFar);
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0);
    assertThat(reader.givenUp)
        .singleElement()
        .satisfies(
            given ->
                assertThat(given).startsWith("{\"poison\":true}").contains("cannot read this one"));
    assertThat(reader.read).doesNotContain("{\"poison\":true}");
  }

  @Test
  void aDeliveryWhoseRowsTheDatabaseRefusesIsNotTakenForAnOutage() {
    RecordingReader reader = new RecordingReader();
    reader.failing =
        batch -> {
          if (batch.stream().anyMatch(d -> d.body().contains("too long"))) {
            throw new ChannelStorageException(
                "record Meta item", new SQLException("Value too long for column", "22001"));
          }
        };
    WebhookQueue queue = queue(reader);
    queue.store(bytes("{\"too long\":true}"));
    queue.store(bytes("{\"n\":2}"));
    queue.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> reader.read.size() == 1);
    assertThat(reader.read).containsExactly("{\"n\":2}");
    assertThat(waiting()).as("only the refused one waits, for its next attempt").isEqualTo(1);
  }

  @Test
  void twoInstancesOnOneDatabaseNeverReadTheSameDelivery() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingReader slow = new RecordingReader();
    slow.failing =
        batch -> {
          holding.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    WebhookQueue first = new WebhookQueue("meta", db, clock, slow, 2);
    queues.add(first);
    for (int i = 1; i <= 3; i++) {
      first.store(bytes("{\"n\":" + i + "}"));
    }
    first.start();
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

    RecordingReader other = new RecordingReader();
    WebhookQueue second = queue(other);
    second.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> other.read.size() == 1);
    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0);

    assertThat(other.read).as("the one the first had not claimed").containsExactly("{\"n\":3}");
    assertThat(slow.read).containsExactly("{\"n\":1}", "{\"n\":2}");
  }

  @Test
  void aClaimOfAnInstanceThatWasKilledRunsOutAndItsDeliveriesAreReadAgain() {
    RecordingReader reader = new RecordingReader();
    WebhookQueue queue = queue(reader);
    queue.store(bytes("{\"n\":1}"));
    new ChannelJdbc(db)
        .update(
            "claim as a killed instance",
            "update webhook_delivery set claimed_by = 'killed/1', claimed_until = ?",
            NOW.plus(WebhookQueue.CLAIM));
    queue.start();
    queue.store(bytes("{\"n\":2}"));
    await().atMost(Duration.ofSeconds(10)).until(() -> reader.read.size() == 1);
    assertThat(reader.read).containsExactly("{\"n\":2}");

    clock.set(NOW.plus(WebhookQueue.CLAIM).plusSeconds(1));
    queue.store(bytes("{\"n\":3}"));

    await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0);
    assertThat(reader.read).containsExactly("{\"n\":2}", "{\"n\":1}", "{\"n\":3}");
  }

  @Test
  void takesNoBodyLongerThanARowHoldsOrWithANul() {
    byte[] longest = "x".repeat(WebhookQueue.MAX_QUEUED_BYTES).getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookQueue.takes(longest)).isTrue();
    assertThat(WebhookQueue.takes(bytes("x".repeat(WebhookQueue.MAX_QUEUED_BYTES + 1)))).isFalse();
    assertThat(WebhookQueue.takes(bytes("{\"a\":\"\0\"}"))).isFalse();
    assertThatThrownBy(() -> queue(new RecordingReader()).store(bytes("{\"a\":\"\0\"}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theLongestBodyItTakesIsStoredWhole() {
    RecordingReader reader = new RecordingReader();
    WebhookQueue queue = queue(reader);
    String longest = "{\"t\":\"" + "ก".repeat((WebhookQueue.MAX_QUEUED_BYTES - 8) / 3) + "\"}";
    assertThat(bytes(longest).length).isLessThanOrEqualTo(WebhookQueue.MAX_QUEUED_BYTES);

    queue.store(bytes(longest));
    queue.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0);
    assertThat(reader.read).containsExactly(longest);
  }
}
