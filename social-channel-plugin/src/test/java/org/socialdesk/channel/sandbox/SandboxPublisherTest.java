package org.socialdesk.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;

class SandboxPublisherTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00.123456789Z");

  private final SettableClock clock = new SettableClock(NOW);
  private final SandboxFaults faults = new SandboxFaults();
  private DataSource database;
  private SandboxPublisher publisher;

  @BeforeEach
  void createDatabase() {
    database = TestingDatabase.create(ChannelChangelog.RESOURCE);
    publisher =
        new SandboxPublisher(new SandboxOutbox(database), faults, SandboxChannel.TEXT_LIMIT, clock);
  }

  @Test
  void publishesAReplyAsTheNextRemoteIdWithAPublicUrl() {
    PublishOutcome first =
        publisher.publish(reply("key-1", Visibility.PUBLIC, "Thanks, we're on it"));
    PublishOutcome second = publisher.publish(reply("key-2", Visibility.PUBLIC, "Fixed now"));

    Instant at = Instant.parse("2026-11-23T12:00:00.123Z");
    assertThat(first)
        .isEqualTo(new PublishOutcome.Published("sb-1", URI.create("sandbox://brand/sb-1"), at));
    assertThat(second)
        .isEqualTo(new PublishOutcome.Published("sb-2", URI.create("sandbox://brand/sb-2"), at));
  }

  @Test
  void publishesAPrivateReplyWithoutUrl() {
    PublishOutcome outcome =
        publisher.publish(reply("key-1", Visibility.PRIVATE, "Please send your order number"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.Published.class, published -> assertThat(published.url()).isNull());
  }

  @Test
  void answersTheEarlierPublicationForAnIdempotencyKeyAlreadyPublished() throws Exception {
    PublishOutcome first = publisher.publish(reply("key-1", Visibility.PUBLIC, "Thanks"));
    clock.advance(Duration.ofMinutes(3));

    PublishOutcome again = publisher.publish(reply("key-1", Visibility.PUBLIC, "Thanks"));

    assertThat(again).isEqualTo(first);
    assertThat(new SandboxOutbox(database).newestFirst(null, 10)).hasSize(1);
  }

  @Test
  void simulatesAnOutageForTheNextCallsThenPublishes() throws Exception {
    faults.set("publish", "fail-next-3");

    for (int call = 0; call < 3; call++) {
      assertThat(publisher.publish(reply("key-1", Visibility.PUBLIC, "Thanks")))
          .isEqualTo(
              new PublishOutcome.RetryLater(Duration.ofSeconds(5), "sandbox: simulated outage"));
    }
    assertThat(publisher.publish(reply("key-1", Visibility.PUBLIC, "Thanks")))
        .isInstanceOf(PublishOutcome.Published.class);
  }

  @Test
  void simulatesARejectionAndARateLimit() throws Exception {
    faults.set("publish", "reject-next");
    assertThat(publisher.publish(reply("key-1", Visibility.PUBLIC, "Thanks")))
        .isEqualTo(new PublishOutcome.Rejected("sandbox: simulated rejection"));

    faults.set("publish", "rate-limit-next-2");
    assertThat(publisher.publish(reply("key-1", Visibility.PUBLIC, "Thanks")))
        .isInstanceOfSatisfying(
            PublishOutcome.RetryLater.class,
            later -> {
              assertThat(later.after()).isEqualTo(Duration.ofSeconds(10));
              assertThat(later.reason()).contains("429");
            });
    assertThat(faults.describe()).isEqualTo("rate-limit-next-1");
    assertThat(new SandboxOutbox(database).newestFirst(null, 10)).isEmpty();
  }

  @Test
  void rejectsAPublicReplyOverTwoHundredEightyCodePoints() {
    String text = "é".repeat(281);

    assertThat(publisher.publish(reply("key-1", Visibility.PUBLIC, text)))
        .isEqualTo(
            new PublishOutcome.Rejected("sandbox: the text has 281 characters; 1 to 280 allowed"));
    assertThat(publisher.publish(reply("key-2", Visibility.PUBLIC, "é".repeat(280))))
        .isInstanceOf(PublishOutcome.Published.class);
  }

  @Test
  void recordsAPrivateReplyOfTenThousandEmoji() throws Exception {
    String text = "🙂".repeat(10_000);

    assertThat(publisher.publish(reply("key-1", Visibility.PRIVATE, text)))
        .isInstanceOf(PublishOutcome.Published.class);
    assertThat(new SandboxOutbox(database).newestFirst(null, 1).getFirst().text()).isEqualTo(text);
  }

  @Test
  void rejectsAReplyToAnotherNetworksPost() {
    OutgoingReply toX =
        new OutgoingReply(
            "key-1",
            new PostKey("x", "123"),
            "123",
            Author.of("x", "9", "carol"),
            Visibility.PUBLIC,
            "Hi");

    assertThat(publisher.publish(toX))
        .isEqualTo(new PublishOutcome.Rejected("sandbox: x:123 is not a sandbox post"));
  }

  @Test
  void answersRetryLaterWhenTheDatabaseFails() {
    SandboxPublisher broken =
        new SandboxPublisher(
            new SandboxOutbox(new UnreachableDatabase()), faults, SandboxChannel.TEXT_LIMIT, clock);

    assertThat(broken.publish(reply("key-1", Visibility.PUBLIC, "Thanks")))
        .isEqualTo(
            new PublishOutcome.RetryLater(
                Duration.ofSeconds(5), "sandbox: cannot record the reply"));
  }

  static OutgoingReply reply(String key, Visibility visibility, String text) {
    return new OutgoingReply(
        key,
        new PostKey("sandbox", "p-1"),
        "p-1",
        Author.of("sandbox", "alice", "alice"),
        visibility,
        text);
  }

  /** A database that cannot be reached. */
  private static final class UnreachableDatabase implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      throw new SQLException("Connection refused", "08001");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
