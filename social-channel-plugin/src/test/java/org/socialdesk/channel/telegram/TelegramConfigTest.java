package org.socialdesk.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;

class TelegramConfigTest {

  static final String TOKEN = "7001234567:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  @Test
  void defaultsToLongPollingTheRealBotApiWithGroupsAndCommentsButNotBusiness() {
    TelegramConfig config = TelegramConfig.disabled();

    assertThat(config.enabled()).isFalse();
    assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.telegram.org"));
    assertThat(config.webhookMode()).isFalse();
    assertThat(config.longPollTimeout()).isEqualTo(Duration.ofSeconds(25));
    assertThat(config.groups()).isTrue();
    assertThat(config.comments()).isTrue();
    assertThat(config.business()).isFalse();
  }

  @Test
  void theBotIdIsTheTokensPartBeforeTheColon() {
    assertThat(config(TOKEN, "poll", null).botId()).isEqualTo("7001234567");
  }

  @Test
  void requiresTheBotTokenWhenEnabled() {
    assertThatThrownBy(() -> config(null, "poll", null))
        .hasMessageContaining("bot-token is required");
  }

  @Test
  void refusesAMalformedTokenWithoutEchoingIt() {
    assertThatThrownBy(() -> config("not-a-token-secret-part", "poll", null))
        .hasMessageContaining("bot-token")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-part"));
  }

  @Test
  void webhookModeRequiresASecretTelegramCanSend() {
    assertThatThrownBy(() -> config(TOKEN, "webhook", null))
        .hasMessageContaining("webhook-secret is required");
    assertThatThrownBy(() -> config(TOKEN, "webhook", "has spaces"))
        .hasMessageContaining("webhook-secret must be");
    assertThat(config(TOKEN, "webhook", "s3cret_-X").webhookMode()).isTrue();
  }

  @Test
  void refusesALongPollLongerThanTelegramAllowsOrShortPollingInALoop() {
    assertThatThrownBy(
            () ->
                new TelegramConfig(
                    true,
                    null,
                    Secret.of(TOKEN),
                    null,
                    null,
                    Duration.ofSeconds(51),
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("long-poll-timeout");
    assertThatThrownBy(
            () ->
                new TelegramConfig(
                    true,
                    null,
                    Secret.of(TOKEN),
                    null,
                    null,
                    Duration.ZERO,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("long-poll-timeout must be from 1s");
  }

  @Test
  void neverShowsTheTokenWhenTheConfigurationIsPrinted() {
    assertThat(config(TOKEN, "poll", null).toString()).doesNotContain("AAHdqTcv");
  }

  static TelegramConfig config(String token, String mode, String secret) {
    return new TelegramConfig(
        true,
        null,
        token == null ? null : Secret.of(token),
        mode,
        secret == null ? null : Secret.of(secret),
        null,
        null,
        null,
        null,
        null);
  }
}
