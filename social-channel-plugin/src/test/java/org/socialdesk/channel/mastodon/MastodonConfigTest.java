package org.socialdesk.channel.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;

class MastodonConfigTest {

  private static final URI BASE = URI.create("https://mastodon.social");
  private static final Secret TOKEN = Secret.of("token");

  @Test
  void defaultsToDisabledStreamingEvery30sWith500Characters() {
    MastodonConfig config = MastodonConfig.disabled();

    assertThat(config.enabled()).isFalse();
    assertThat(config.mode()).isEqualTo("stream");
    assertThat(config.streams()).isTrue();
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.maxLength()).isEqualTo(500);
    assertThat(config.publicReplyVisibility()).isEqualTo("public");
    assertThat(config.accountId()).isNull();
    assertThat(config.baseUrl()).isNull();
    assertThat(config.streamingUrl()).isNull();
  }

  @Test
  void mapsEveryKeyExplicitly() {
    MastodonConfig config =
        new MastodonConfig(
            true,
            URI.create("https://social.example.com/"),
            TOKEN,
            "109302436954721982",
            "POLL",
            Duration.ofMinutes(2),
            11_000,
            "Unlisted",
            URI.create("https://streaming.social.example.com"));

    assertThat(config.enabled()).isTrue();
    assertThat(config.baseUrl()).isEqualTo(URI.create("https://social.example.com"));
    assertThat(config.accessToken()).isEqualTo(TOKEN);
    assertThat(config.accountId()).isEqualTo("109302436954721982");
    assertThat(config.mode()).isEqualTo("poll");
    assertThat(config.streams()).isFalse();
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.maxLength()).isEqualTo(11_000);
    assertThat(config.publicReplyVisibility()).isEqualTo("unlisted");
    assertThat(config.streamingUrl()).isEqualTo(URI.create("https://streaming.social.example.com"));
    assertThat(config.toString()).doesNotContain("token");
  }

  @Test
  void requiresBaseUrlAndTokenOnlyWhenEnabled() {
    assertThatThrownBy(
            () -> new MastodonConfig(true, null, TOKEN, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("plugins.social-channel.mastodon.base-url is required");
    assertThatThrownBy(
            () -> new MastodonConfig(true, BASE, Secret.of(""), null, null, null, null, null, null))
        .hasMessageStartingWith("plugins.social-channel.mastodon.access-token is required");
    assertThat(new MastodonConfig(false, null, null, null, null, null, null, null, null).enabled())
        .isFalse();
  }

  @Test
  void namesTheKeyOfEachInvalidValue() {
    assertThatThrownBy(() -> config("websocket", Duration.ofSeconds(30), 500, "public", BASE))
        .hasMessage("plugins.social-channel.mastodon.mode must be stream or poll, not websocket");
    assertThatThrownBy(() -> config("poll", Duration.ofSeconds(1), 500, "public", BASE))
        .hasMessageStartingWith(
            "plugins.social-channel.mastodon.poll-interval must be at least 5s");
    assertThatThrownBy(() -> config("poll", Duration.ofSeconds(30), 50, "public", BASE))
        .hasMessage(
            "plugins.social-channel.mastodon.max-length must be between 100 and 100000, not 50");
    assertThatThrownBy(() -> config("poll", Duration.ofSeconds(30), 500, "private", BASE))
        .hasMessage(
            "plugins.social-channel.mastodon.public-reply-visibility must be public or unlisted, not private");
    assertThatThrownBy(
            () ->
                config(
                    "poll",
                    Duration.ofSeconds(30),
                    500,
                    "public",
                    URI.create("ftp://mastodon.social")))
        .hasMessageStartingWith(
            "plugins.social-channel.mastodon.base-url must be an http(s) URL with a host");
    assertThatThrownBy(
            () ->
                config(
                    "poll",
                    Duration.ofSeconds(30),
                    500,
                    "public",
                    URI.create("https://mastodon.social/api/v1")))
        .hasMessageStartingWith(
            "plugins.social-channel.mastodon.base-url must be the instance's address without a path");
    assertThatThrownBy(
            () -> new MastodonConfig(true, BASE, TOKEN, "@brand", null, null, null, null, null))
        .hasMessageStartingWith(
            "plugins.social-channel.mastodon.account-id must be the account's id");
  }

  private static MastodonConfig config(
      String mode, Duration interval, int maxLength, String visibility, URI base) {
    return new MastodonConfig(true, base, TOKEN, null, mode, interval, maxLength, visibility, null);
  }
}
