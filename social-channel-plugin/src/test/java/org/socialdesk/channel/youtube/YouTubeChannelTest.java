package org.socialdesk.channel.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.socialdesk.channel.youtube.YouTubeStubs.BRAND;
import static org.socialdesk.channel.youtube.YouTubeStubs.CUSTOMER;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.json.ChannelJson;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingJetty;
import org.socialdesk.testkit.TestingPluginContext;

class YouTubeChannelTest {

  @RegisterExtension static final YouTubeWireMock youtube = new YouTubeWireMock();

  @Test
  void isTheYouTubeNetworkWithTenThousandCharacterRepliesAndNoIdempotentPublishing() {
    TestingPluginContext context =
        context(
            RunMode.COMMAND, new RecordingIngest(), Executors.newSingleThreadScheduledExecutor());
    YouTubeChannel channel =
        YouTubeChannel.start(
            YouTubeStubs.config(youtube.baseUrl(), youtube.tokenUrl(), null, false), context);

    assertThat(channel.network()).isEqualTo("youtube");
    assertThat(channel.textLimit().maxLength(Visibility.PUBLIC)).isEqualTo(10_000);
    assertThat(channel.textLimit().length("ขอบคุณ 🙏")).isEqualTo(8);
    assertThat(channel.publisher()).isPresent();
    assertThat(channel.publishesIdempotently()).isFalse();
    assertThat(context.mounts()).isEmpty();
    context.close();
  }

  @Test
  void refusesToStartWhenDisabled() {
    assertThatThrownBy(
            () ->
                YouTubeChannel.start(
                    YouTubeConfig.disabled(),
                    context(
                        RunMode.SERVER,
                        new RecordingIngest(),
                        Executors.newSingleThreadScheduledExecutor())))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void startedForRealItPollsIntoTheInboxAndShowsItsStateAndQuotaToAdmins() throws Exception {
    youtube
        .server()
        .stubFor(post(urlPathEqualTo("/token")).willReturn(YouTubeStubs.tokens("access-1")));
    Instant now = Instant.now();
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo("/youtube/v3/commentThreads"))
                .willReturn(
                    YouTubeStubs.json(
                        YouTubeStubs.threadPage(
                            List.of(
                                YouTubeStubs.thread(
                                    YouTubeStubs.comment(
                                        "Ug-live",
                                        CUSTOMER,
                                        "Is it waterproof?",
                                        now.minusSeconds(60),
                                        null),
                                    0,
                                    List.of())),
                            null))));
    RecordingIngest ingest = new RecordingIngest();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    TestingPluginContext context = context(RunMode.SERVER, ingest, scheduler);
    try (context) {
      YouTubeChannel channel =
          YouTubeChannel.start(
              YouTubeStubs.config(youtube.baseUrl(), youtube.tokenUrl(), null, false), context);
      await("the comment").atMost(Duration.ofSeconds(10)).until(() -> !ingest.stored().isEmpty());
      assertThat(context.mounts()).containsOnlyKeys(YouTubeChannel.STATUS_PATH);
      assertThat(context.mounts().get(YouTubeChannel.STATUS_PATH).access())
          .isEqualTo(WebRegistry.Access.ADMIN);
      try (TestingJetty jetty = new TestingJetty(context.mounts())) {
        HttpResponse<String> status =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(jetty.uri(YouTubeChannel.STATUS_PATH)).build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(
                ChannelJson.parse(status.body().getBytes())
                    .path("quota")
                    .path("unitsUsed")
                    .asLong())
            .isPositive();
        assertThat(status.body())
            .contains(
                "\"channelId\":\"" + BRAND + "\"",
                "\"dailyUnits\":10000",
                "\"replyReserve\":2500",
                "\"state\":\"running\"",
                "\"lastPollResult\":\"ok\"")
            .doesNotContain("access-1");
      }
      channel.stop();
    } finally {
      scheduler.shutdownNow();
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(ingest.storedPostIds()).containsExactly("Ug-live");
  }

  private static TestingPluginContext context(
      RunMode mode, RecordingIngest ingest, ScheduledExecutorService scheduler) {
    return TestingPluginContext.builder()
        .dataSource(
            TestingDatabase.shared(
                ChannelChangelog.RESOURCE,
                "channel_cursor",
                "youtube_quota",
                "youtube_thread",
                "youtube_oauth_token"))
        .clock(Clock.systemUTC())
        .ingest(ingest)
        .runMode(mode)
        .scheduler(scheduler)
        .httpClients(Duration.ofSeconds(5))
        .build();
  }

  @Test
  void theCheckSaysWhenTheRefreshTokensAccountIsNotTheConfiguredChannel() {
    youtube
        .server()
        .stubFor(post(urlPathEqualTo("/token")).willReturn(YouTubeStubs.tokens("access-1")));
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo("/youtube/v3/channels"))
                .willReturn(
                    YouTubeStubs.json(
                        java.util.Map.of(
                            "kind",
                            "youtube#channelListResponse",
                            "items",
                            List.of(
                                java.util.Map.of(
                                    "kind",
                                    "youtube#channel",
                                    "id",
                                    "UCsomeoneelse0000000000a"))))));
    TestingPluginContext context =
        context(
            RunMode.COMMAND, new RecordingIngest(), Executors.newSingleThreadScheduledExecutor());
    YouTubeChannel channel =
        YouTubeChannel.start(
            YouTubeStubs.config(youtube.baseUrl(), youtube.tokenUrl(), null, false), context);

    assertThat(channel.checkPeers())
        .singleElement()
        .asString()
        .contains("channel-id is " + BRAND, "UCsomeoneelse0000000000a");

    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo("/youtube/v3/channels"))
                .willReturn(
                    YouTubeStubs.json(
                        java.util.Map.of(
                            "kind",
                            "youtube#channelListResponse",
                            "items",
                            List.of(java.util.Map.of("kind", "youtube#channel", "id", BRAND))))));
    assertThat(channel.checkPeers()).isEmpty();
    context.close();
  }

  @Test
  void theCheckSaysWhenGoogleRefusesTheRefreshToken() {
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo("/token"))
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"error\": \"invalid_grant\", \"error_description\": \"Token has been expired or revoked.\"}")));
    TestingPluginContext context =
        context(
            RunMode.COMMAND, new RecordingIngest(), Executors.newSingleThreadScheduledExecutor());
    YouTubeChannel channel =
        YouTubeChannel.start(
            YouTubeStubs.config(youtube.baseUrl(), youtube.tokenUrl(), null, false), context);

    assertThat(channel.checkPeers())
        .singleElement()
        .asString()
        .contains("invalid_grant", "plugins.social-channel.youtube.oauth2.refresh-token")
        .doesNotContain("1//refresh-0");
    context.close();
  }
}
