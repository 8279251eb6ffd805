package org.socialdesk.channel.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.Secret;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;

class MastodonStreamTest {

  @RegisterExtension
  static WireMockExtension mastodon =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final MastodonStream.Timing FAST =
      new MastodonStream.Timing(
          Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(30));

  private final SettableClock clock = new SettableClock(NOW);
  private final RecordingIngest ingest = new RecordingIngest();
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeStreamingServer streaming;
  private MastodonCursor cursor;
  private MastodonPoller poller;
  private MastodonInbound inbound;
  private MastodonApi api;
  private MastodonStream stream;

  @BeforeEach
  void setUp() throws Exception {
    streaming = new FakeStreamingServer();
    DataSource database = TestingDatabase.create(ChannelChangelog.RESOURCE);
    cursor = new MastodonCursor(database, "localhost", clock);
    cursor.write("500");
    api =
        new MastodonApi(
            http, URI.create(mastodon.baseUrl()), Secret.of("brand-token"), Duration.ofSeconds(3));
    inbound =
        new MastodonInbound(
            new MastodonStatusReader("brand.example", clock),
            new MastodonAccount(api, MastodonJson.BRAND_ID),
            new MastodonStatuses(database, "localhost"),
            ingest,
            clock);
    poller = new MastodonPoller(api, cursor, inbound, clock);
  }

  @AfterEach
  void tearDown() {
    if (stream != null) {
      stream.stop();
    }
    streaming.close();
    http.close();
  }

  private MastodonStream start(URI streamingUrl, MastodonStream.Timing timing) {
    stream =
        new MastodonStream(
            api, streamingUrl, URI.create(mastodon.baseUrl()), poller, inbound, clock, timing);
    stream.start();
    return stream;
  }

  private static MappingBuilder notificationsSince500() {
    return get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("min_id", equalTo("500"));
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  @Test
  void takesInANotificationFromTheStreamAndIgnoresHeartbeats() throws Exception {
    mastodon.stubFor(notificationsSince500().willReturn(okJson("[]")));
    streaming.then(
        new FakeStreamingServer.Connection(
            List.of(
                ":thump\n\n",
                event("notification", MastodonJson.mention("501").toString()),
                ":thump\n",
                "\n"),
            false));

    start(streaming.url(), FAST);
    await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !ingest.accepted().isEmpty());
    await("nothing but the one notification (heartbeats are ignored)")
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> ingest.accepted().size() == 1);

    assertThat(ingest.acceptedPostIds()).containsExactly("s501");
    assertThat(streaming.authorizations).containsExactly("Bearer brand-token");
    assertThat(cursor.read()).as("only the ordered poll moves the cursor").contains("500");
    mastodon.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/notifications")));
  }

  @Test
  void backfillsByPollingFromTheCursorBeforeResumingAfterADroppedConnection() throws Exception {
    mastodon.stubFor(
        notificationsSince500()
            .inScenario("outage")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("[]"))
            .willSetStateTo("after the drop"));
    mastodon.stubFor(
        notificationsSince500()
            .inScenario("outage")
            .whenScenarioStateIs("after the drop")
            .willReturn(
                okJson(
                    MastodonJson.page(
                        List.of(MastodonJson.mention("501"), MastodonJson.mention("502"))))));
    streaming.then(
        new FakeStreamingServer.Connection(
            List.of(event("notification", MastodonJson.mention("501").toString())), true));
    streaming.then(
        new FakeStreamingServer.Connection(
            List.of(event("notification", MastodonJson.mention("503").toString())), false));

    start(streaming.url(), FAST);
    await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(5))
        .until(() -> ingest.acceptedPostIds().contains("s503"));

    assertThat(ingest.acceptedPostIds())
        .as(
            "502 arrived while disconnected and comes from the backfill, before the resumed stream's 503")
        .containsExactly("s501", "s501", "s502", "s503");
    assertThat(cursor.read()).contains("502");
    assertThat(streaming.connections()).isEqualTo(2);
    mastodon.verify(
        2,
        getRequestedFor(urlPathEqualTo("/api/v1/notifications"))
            .withQueryParam("min_id", equalTo("500")));
  }

  @Test
  void turnsEditsAndDeletionsOfStatusesTakenInIntoChangesAndIgnoresTheHomeTimeline()
      throws Exception {
    mastodon.stubFor(notificationsSince500().willReturn(okJson("[]")));
    String mention = MastodonJson.mention("601").toString();
    int split = mention.indexOf(",\"type\"") + 1;
    ObjectNode edited =
        MastodonJson.status("s601", MastodonJson.customer(), "<p>Order 42 (edited)</p>");
    edited.put("edited_at", "2026-11-23T11:59:00.000Z");
    ObjectNode homeTimeline =
        MastodonJson.status(
            "777", MastodonJson.account("9", "friend@else.example"), "<p>hello</p>");
    streaming.then(
        new FakeStreamingServer.Connection(
            List.of(
                "event: notification\ndata: "
                    + mention.substring(0, split)
                    + "\ndata: "
                    + mention.substring(split)
                    + "\n\n",
                event("update", homeTimeline.toString()),
                event("status.update", edited.toString()),
                event("delete", "777"),
                event("delete", "s601"),
                event("notification", MastodonJson.mention("602").toString())),
            false));

    start(streaming.url(), FAST);
    await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(5))
        .until(() -> ingest.acceptedPostIds().contains("s602"));

    assertThat(ingest.accepted())
        .containsExactly(
            ingest.accepted().get(0),
            new InboundEvent.PostEdited(
                new PostKey("mastodon", "s601"),
                "Order 42 (edited)",
                Instant.parse("2026-11-23T11:59:00Z")),
            new InboundEvent.PostDeleted(new PostKey("mastodon", "s601"), NOW),
            ingest.accepted().get(3));
    assertThat(ingest.acceptedPostIds()).containsExactly("s601", "s602");
  }

  @Test
  void findsTheStreamingServerInTheInstanceConfiguration() throws Exception {
    mastodon.stubFor(notificationsSince500().willReturn(okJson("[]")));
    String streamingUrl = streaming.url().toString().replace("http://", "ws://");
    mastodon.stubFor(
        get(urlPathEqualTo("/api/v2/instance"))
            .willReturn(
                okJson(
                    "{\"domain\":\"brand.example\",\"configuration\":{\"urls\":{\"streaming\":\""
                        + streamingUrl
                        + "\"},"
                        + "\"statuses\":{\"max_characters\":500}}}")));
    streaming.then(
        new FakeStreamingServer.Connection(
            List.of(event("notification", MastodonJson.mention("701").toString())), false));

    start(null, FAST);
    await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(5))
        .until(() -> ingest.acceptedPostIds().contains("s701"));

    assertThat(streaming.connections()).isEqualTo(1);
  }

  @Test
  void reconnectsWhenTheStreamFallsSilent() throws Exception {
    mastodon.stubFor(notificationsSince500().willReturn(okJson("[]")));
    streaming.then(new FakeStreamingServer.Connection(List.of(":thump\n\n"), false));
    MastodonStream stream =
        start(
            streaming.url(),
            new MastodonStream.Timing(
                Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(200)));
    await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(5))
        .until(() -> streaming.connections() == 1);

    // The watchdog's check, as its scheduler runs it: it reconnects once the one heartbeat is
    // older than the stale limit (on a loaded machine the line itself may come late).
    await()
        .pollInterval(Duration.ofMillis(50))
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              stream.checkAlive();
              return streaming.connections() == 2;
            });
    mastodon.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/notifications")));
  }

  @Test
  void stopsCleanly() throws Exception {
    mastodon.stubFor(notificationsSince500().willReturn(okJson("[]")));
    MastodonStream stream = start(streaming.url(), FAST);
    await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(5))
        .until(() -> streaming.connections() == 1);

    long started = System.nanoTime();
    stream.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    await("no reconnection after stop")
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> streaming.connections() == 1);
  }
}
