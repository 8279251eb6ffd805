package org.socialdesk.channel.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;

class LineConfigTest {

  @Test
  void defaultsPointAtLineAndKeepTheChannelOff() {
    LineConfig config = LineConfig.disabled();

    assertThat(config.enabled()).isFalse();
    assertThat(config.api("/v2/bot/message/push"))
        .isEqualTo(URI.create("https://api.line.me/v2/bot/message/push"));
    assertThat(config.data("/v2/bot/message/1/content"))
        .isEqualTo(URI.create("https://api-data.line.me/v2/bot/message/1/content"));
    assertThat(config.replyTokenTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.quoteCustomerMessage()).isTrue();
    assertThat(config.contentLinkTtl()).isEqualTo(Duration.ofDays(14));
    assertThat(config.profileCacheTtl()).isEqualTo(Duration.ofDays(1));
    assertThat(config.publicLink("/api/channels/line/content/1"))
        .isEqualTo("/api/channels/line/content/1");
  }

  @Test
  void mapsEveryKey() {
    LineConfig config =
        new LineConfig(
            true,
            Secret.of("s"),
            Secret.of("t"),
            URI.create("http://127.0.0.1:9/"),
            URI.create("http://127.0.0.1:10"),
            URI.create("https://desk.example.com/"),
            Duration.ofSeconds(10),
            false,
            Duration.ofHours(2),
            Duration.ofMinutes(5));

    assertThat(config.api("/v2/bot/info")).isEqualTo(URI.create("http://127.0.0.1:9/v2/bot/info"));
    assertThat(config.data("/x")).isEqualTo(URI.create("http://127.0.0.1:10/x"));
    assertThat(config.publicLink("/api/channels/line/content/1"))
        .isEqualTo("https://desk.example.com/api/channels/line/content/1");
    assertThat(config.replyTokenTtl()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.quoteCustomerMessage()).isFalse();
    assertThat(config.channelSecret().toString()).doesNotContain("s");
  }

  @Test
  void requiresTheSecretAndTheTokenWhenEnabled() {
    assertThatThrownBy(
            () ->
                new LineConfig(
                    true, null, Secret.of("t"), null, null, null, null, null, null, null))
        .hasMessage(
            "plugins.social-channel.line.channel-secret is required when plugins.social-channel.line.enabled is true");
    assertThatThrownBy(
            () ->
                new LineConfig(
                    true, Secret.of("s"), Secret.of(""), null, null, null, null, null, null, null))
        .hasMessage(
            "plugins.social-channel.line.channel-access-token is required when plugins.social-channel.line.enabled is true");
  }

  @Test
  void refusesAReplyTokenTtlLongerThanLineKeepsTokens() {
    assertThatThrownBy(
            () ->
                new LineConfig(
                    false, null, null, null, null, null, Duration.ofMinutes(2), null, null, null))
        .hasMessageContaining("reply-token-ttl must be from 0s");
  }

  @Test
  void refusesABaseUrlThatIsNotHttp() {
    assertThatThrownBy(
            () ->
                new LineConfig(
                    false,
                    null,
                    null,
                    URI.create("ftp://api.line.me"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("plugins.social-channel.line.api-base-url must be an http(s) URL");
  }
}
