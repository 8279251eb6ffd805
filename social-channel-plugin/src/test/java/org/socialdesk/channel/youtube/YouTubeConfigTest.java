package org.socialdesk.channel.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;

class YouTubeConfigTest {

  @Test
  void defaultsAreOffWithGooglesUrlsAndATenThousandUnitDayKeepingAQuarterForReplies() {
    YouTubeConfig config = YouTubeConfig.disabled();

    assertThat(config.enabled()).isFalse();
    assertThat(config.baseUrl()).isEqualTo(URI.create("https://youtube.googleapis.com"));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.backfill()).isEqualTo(Duration.ofHours(1));
    assertThat(config.maxResults()).isEqualTo(100);
    assertThat(config.watch()).isEqualTo(Duration.ofDays(7));
    assertThat(config.maxReplyLength()).isEqualTo(10_000);
    assertThat(config.quota().dailyUnits()).isEqualTo(10_000);
    assertThat(config.quota().replyReserve()).isEqualTo(2_500);
    assertThat(config.moderation().holdLikelySpam()).isFalse();
    assertThat(new YouTubeConfig.OAuth2("c", null, Secret.of("r"), null).tokenUrl())
        .isEqualTo(URI.create("https://oauth2.googleapis.com/token"));
  }

  @Test
  void takesEveryKeyAsGiven() {
    YouTubeConfig config =
        new YouTubeConfig(
            true,
            URI.create("http://127.0.0.1:9"),
            YouTubeStubs.BRAND,
            new YouTubeConfig.OAuth2(
                "client", Secret.of("s"), Secret.of("r"), URI.create("http://127.0.0.1:9/token")),
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            50,
            Duration.ofDays(2),
            500,
            new YouTubeConfig.Quota(1_000_000, 100_000),
            new YouTubeConfig.Moderation(true));

    assertThat(config.channelId()).isEqualTo(YouTubeStubs.BRAND);
    assertThat(config.oauth2().tokenUrl()).isEqualTo(URI.create("http://127.0.0.1:9/token"));
    assertThat(config.quota().replyReserve()).isEqualTo(100_000);
    assertThat(config.maxReplyLength()).isEqualTo(500);
    assertThat(config.moderation().holdLikelySpam()).isTrue();
  }

  @Test
  void refusesWhatCannotWorkNamingTheKey() {
    YouTubeConfig.OAuth2 oauth2 = new YouTubeConfig.OAuth2("c", null, Secret.of("r"), null);
    assertThatThrownBy(
            () ->
                new YouTubeConfig(
                    true, null, null, oauth2, null, null, null, null, null, null, null))
        .hasMessageContaining("plugins.social-channel.youtube.channel-id is required");
    assertThatThrownBy(
            () ->
                new YouTubeConfig(
                    true, null, "@acme", oauth2, null, null, null, null, null, null, null))
        .hasMessageContaining("channel-id must be the channel's id");
    assertThatThrownBy(
            () ->
                new YouTubeConfig(
                    true, null, YouTubeStubs.BRAND, null, null, null, null, null, null, null, null))
        .hasMessageContaining("plugins.social-channel.youtube.oauth2");
    assertThatThrownBy(() -> new YouTubeConfig.OAuth2("c", null, null, null))
        .hasMessageContaining("oauth2.refresh-token is required");
    assertThatThrownBy(() -> new YouTubeConfig.Quota(10_000, 10))
        .hasMessageContaining("quota.reply-reserve");
    assertThatThrownBy(
            () ->
                new YouTubeConfig(false, null, null, null, null, null, 101, null, null, null, null))
        .hasMessageContaining("max-results");
    assertThatThrownBy(
            () ->
                new YouTubeConfig(
                    false,
                    URI.create("ftp://x"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("base-url");
  }
}
