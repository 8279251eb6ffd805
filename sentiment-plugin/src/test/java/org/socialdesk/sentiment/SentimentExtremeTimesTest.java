package org.socialdesk.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingPluginContext;

/**
 * Any Instant in the host's events: the plugin's listeners take it without an exception and stamp a
 * sane time.
 */
class SentimentExtremeTimesTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  private final DataSource db = TestingDatabase.create("org/socialdesk/sentiment/changelog.yaml");
  private final ImmediateEventBus bus = new ImmediateEventBus();
  private final SentimentPlugin plugin = new SentimentPlugin();
  private final TestingPluginContext context =
      TestingPluginContext.builder()
          .config(new SentimentConfig(null, null, null, null, null, null, null))
          .dataSource(db)
          .events(bus)
          .clock(new SettableClock(NOW))
          .runMode(RunMode.COMMAND)
          .build();

  @AfterEach
  void stop() {
    plugin.stop();
    context.close();
  }

  @ParameterizedTest
  @MethodSource("org.socialdesk.testkit.ExtremeInstants#all")
  void aRoutedPostAndAnAgentsCorrectionAtAnyTimeAreStampedWithOurTime(Instant extreme)
      throws Exception {
    plugin.start(context);
    SocialPost post =
        new SocialPost(
            new PostKey("x", "1"),
            "1",
            null,
            Author.of("x", "a1", "alice"),
            "It broke again",
            extreme,
            Visibility.PUBLIC,
            null,
            Engagement.NONE,
            Map.of());
    TicketRef ticket = new TicketRef("rt", "7");

    bus.publish(
        new SocialdeskEvent.PostRouted(
            post,
            Enrichment.NONE.withSentiment(new Sentiment(Sentiment.Label.NEGATIVE, 0.9)),
            ticket,
            true,
            extreme));
    bus.publish(
        new SocialdeskEvent.FieldChanged(
            ticket, "Sentiment", "negative", "neutral", "alice", extreme));

    assertThat(time("select recorded_at from sentiment_ticket")).isEqualTo(NOW);
    assertThat(time("select updated_at from sentiment_author")).isEqualTo(NOW);
    assertThat(time("select added_at from sentiment_label")).isEqualTo(NOW);
  }

  private Instant time(String query) throws Exception {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      assertThat(rows.next()).as(query).isTrue();
      return rows.getTimestamp(1).toInstant();
    }
  }
}
