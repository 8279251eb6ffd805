package org.socialdesk.sla.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.SocialdeskEvent.PostRouted;
import org.socialdesk.api.event.SocialdeskEvent.SlaAlert;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.SlaConfigs;
import org.socialdesk.sla.SlaEvents;
import org.socialdesk.sla.SlaPlugin;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingJetty;
import org.socialdesk.testkit.TestingPluginContext;

/**
 * The wall across a restart, on a given database: a plugin shows posts and alerts, stops; a new
 * plugin on the same database serves a snapshot on {@code /api/wall/stream} with the same lists.
 * Shared by the H2 test and the PostgreSQL IT.
 */
final class WallRestartScenario {

  static final Instant T = Instant.parse("2026-03-13T15:00:00Z");
  static final String DM = "refund to Rua Augusta 12, card 4242";

  private WallRestartScenario() {}

  /** Runs one plugin's life on {@code database}: publishes what {@code events} does, then stops. */
  static void life(DataSource database, Instant now, Events events) throws Exception {
    ImmediateEventBus bus = new ImmediateEventBus();
    SlaPlugin plugin = new SlaPlugin();
    try (TestingPluginContext context =
        TestingPluginContext.builder()
            .config(SlaConfigs.config())
            .dataSource(database)
            .events(bus)
            .clock(new SettableClock(now))
            .runMode(RunMode.COMMAND)
            .build()) {
      plugin.start(context);
      try {
        events.publish(bus);
      } finally {
        plugin.stop();
      }
    }
  }

  interface Events {
    void publish(ImmediateEventBus bus) throws Exception;
  }

  /** The first event of a new stream from a plugin started on {@code database}: its snapshot. */
  static String snapshotAfterStart(DataSource database, Instant now) throws Exception {
    ImmediateEventBus bus = new ImmediateEventBus();
    SlaPlugin plugin = new SlaPlugin();
    try (TestingPluginContext context =
        TestingPluginContext.builder()
            .config(SlaConfigs.config())
            .dataSource(database)
            .events(bus)
            .clock(new SettableClock(now))
            .runMode(RunMode.COMMAND)
            .build()) {
      plugin.start(context);
      try (TestingJetty jetty = new TestingJetty(context.mounts());
          HttpClient client = HttpClient.newHttpClient()) {
        HttpResponse<InputStream> response =
            client.send(
                HttpRequest.newBuilder(jetty.uri("/api/wall/stream"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader lines =
            new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          boolean snapshot = false;
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.equals("event: snapshot")) {
              snapshot = true;
            } else if (snapshot && line.startsWith("data: ")) {
              return line.substring(6);
            }
          }
        } finally {
          plugin.stop(); // ends the stream, so Jetty stops at once
        }
      }
    }
    throw new AssertionError("the stream ended before its snapshot");
  }

  /** Three posts (one a private message, one delivered twice) and two alerts, then a restart. */
  static void wallShowsAfterARestartWhatItShowedBefore(DataSource database) throws Exception {
    life(
        database,
        T,
        bus -> {
          bus.publish(routed("p1", "first_fred", "Charged twice!", T.minusSeconds(300), false));
          bus.publish(routed("p2", "quiet_quinn", DM, T.minusSeconds(200), true));
          PostRouted third = routed("p3", "late_lucy", "Still waiting", T.minusSeconds(100), false);
          bus.publish(third);
          bus.publish(third); // at-least-once delivery
          bus.publish(
              new SlaAlert(
                  SlaEvents.ticket("p1"),
                  "first-response",
                  SlaAlert.Level.WARNING,
                  T.minusSeconds(60),
                  T.minusSeconds(120)));
          bus.publish(
              new SlaAlert(
                  SlaEvents.ticket("p1"),
                  "first-response",
                  SlaAlert.Level.BREACH,
                  T.minusSeconds(60),
                  T.minusSeconds(60)));
        });

    String snapshot = snapshotAfterStart(database, T.plusSeconds(30));

    assertThat(snapshot)
        .contains("\"handle\":\"first_fred\"", "Charged twice!", "\"handle\":\"late_lucy\"");
    assertThat(snapshot).contains("\"handle\":\"quiet_quinn\"", "\"private\":true");
    assertThat(snapshot).doesNotContain("Rua Augusta"); // hidden before, hidden after
    assertThat(snapshot.split("\"handle\":\"late_lucy\"", -1)).hasSize(2); // once
    assertThat(snapshot.indexOf("first_fred")).isLessThan(snapshot.indexOf("late_lucy"));
    assertThat(snapshot)
        .contains(
            "\"level\":\"warning\"",
            "\"level\":\"breach\"",
            "\"ticket\":\"p1\"",
            "\"due\":\"2026-03-13T14:59:00Z\"");
    assertThat(snapshot.indexOf("\"level\":\"warning\""))
        .isLessThan(snapshot.indexOf("\"level\":\"breach\""));
  }

  static PostRouted routed(
      String id, String handle, String text, Instant postedAt, boolean isPrivate) {
    SocialPost post =
        new SocialPost(
            new PostKey("x", id),
            "conv-" + id,
            null,
            Author.of("x", "acct-" + handle, handle),
            text,
            postedAt,
            isPrivate ? Visibility.PRIVATE : Visibility.PUBLIC,
            null,
            Engagement.NONE,
            Map.of());
    Enrichment enrichment =
        Enrichment.NONE
            .withLanguage("en")
            .withSentiment(new Sentiment(Sentiment.Label.NEGATIVE, 0.9));
    return new PostRouted(post, enrichment, SlaEvents.ticket(id), true, postedAt.plusSeconds(2));
  }
}
