package org.socialdesk.channel.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.Secret;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingPluginContext;

class MastodonChannelTest {

  @RegisterExtension
  static WireMockExtension mastodon =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T12:00:00Z"));
  private final RecordingIngest ingest = new RecordingIngest();

  /**
   * What the channel uses: database, clock, scheduler, HTTP clients (3 s per request), ingest, run
   * mode.
   */
  private TestingPluginContext context(RunMode mode) {
    return TestingPluginContext.builder()
        .dataSource(TestingDatabase.create(ChannelChangelog.RESOURCE))
        .clock(clock)
        .ingest(ingest)
        .runMode(mode)
        .ownScheduler()
        .httpClients(Duration.ofSeconds(15))
        .build();
  }

  private MastodonConfig config(String mode, String accountId) {
    return new MastodonConfig(
        true,
        URI.create(mastodon.baseUrl()),
        Secret.of("brand-token"),
        accountId,
        mode,
        Duration.ofMinutes(5),
        500,
        null,
        null);
  }

  @Test
  void offersThePublisherAndStartsNoBackgroundWorkInCommandMode() throws Exception {
    try (TestingPluginContext context = context(RunMode.COMMAND)) {
      MastodonChannel channel =
          MastodonChannel.start(config("stream", MastodonJson.BRAND_ID), context);
      await("no call to Mastodon while the channel runs in command mode")
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> mastodon.getAllServeEvents().isEmpty());
      channel.stop();

      assertThat(channel.network()).isEqualTo("mastodon");
      assertThat(channel.publisher()).isPresent();
      assertThat(channel.publishesIdempotently()).isTrue();
      assertThat(channel.textLimit().maxLength(Visibility.PUBLIC)).isEqualTo(468);
      assertThat(mastodon.getAllServeEvents()).isEmpty();
    }
  }

  @Test
  void pollsAtOnceInPollModeWhenServing() throws Exception {
    mastodon.stubFor(
        get(urlPathEqualTo("/api/v1/notifications"))
            .withQueryParam("min_id", absent())
            .willReturn(okJson(MastodonJson.page(List.of(MastodonJson.mention("1"))))));
    try (TestingPluginContext context = context(RunMode.SERVER)) {
      MastodonChannel channel =
          MastodonChannel.start(config("poll", MastodonJson.BRAND_ID), context);
      await("the first poll's mention")
          .atMost(Duration.ofSeconds(5))
          .until(() -> !ingest.accepted().isEmpty());
      channel.stop();

      assertThat(ingest.acceptedPostIds()).containsExactly("s1");
    }
  }

  @Test
  void refusesToStartWhenDisabled() {
    try (TestingPluginContext context = context(RunMode.SERVER)) {
      assertThatThrownBy(() -> MastodonChannel.start(MastodonConfig.disabled(), context))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("enabled is false");
    }
  }

  @Test
  void checksTheTokenAndTheConfiguredAccount() {
    try (TestingPluginContext context = context(RunMode.COMMAND)) {
      mastodon.stubFor(
          get(urlPathEqualTo("/api/v1/accounts/verify_credentials"))
              .willReturn(okJson(MastodonJson.brand().toString())));
      assertThat(MastodonChannel.start(config("poll", MastodonJson.BRAND_ID), context).checkPeers())
          .isEmpty();
      assertThat(MastodonChannel.start(config("poll", "42"), context).checkPeers())
          .containsExactly(
              "mastodon: plugins.social-channel.mastodon.account-id is 42 but the access token belongs to account "
                  + MastodonJson.BRAND_ID);

      mastodon.stubFor(
          get(urlPathEqualTo("/api/v1/accounts/verify_credentials"))
              .willReturn(
                  aResponse()
                      .withStatus(401)
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"error\":\"The access token is invalid\"}")));
      assertThat(MastodonChannel.start(config("poll", null), context).checkPeers())
          .containsExactly(
              "mastodon: "
                  + mastodon.baseUrl()
                  + " refuses the access token: The access token is invalid");
    }
  }
}
