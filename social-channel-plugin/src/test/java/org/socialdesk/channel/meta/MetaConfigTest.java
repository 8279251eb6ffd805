package org.socialdesk.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;

class MetaConfigTest {

  @Test
  void defaultsLeaveTheChannelOffWithTheWebhookAndAFiveMinuteBackfill() {
    MetaConfig config = MetaConfig.defaults();

    assertThat(config.enabled()).isFalse();
    assertThat(config.graphRoot()).isEqualTo("https://graph.facebook.com/v21.0");
    assertThat(config.webhook()).isTrue();
    assertThat(config.humanAgentTag()).isFalse();
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.backfill()).isEqualTo(Duration.ofHours(1));
    assertThat(config.hideSpam()).isFalse();
    assertThat(config.usageThreshold()).isEqualTo(90);
    assertThat(config.throttlePause()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.instagram()).isFalse();
  }

  @Test
  void takesEveryKeyExplicitly() {
    MetaConfig config =
        new MetaConfig(
            true,
            URI.create("https://graph.example.test/"),
            "v22.0",
            Secret.of("s"),
            Secret.of("v"),
            "1",
            Secret.of("p"),
            "2",
            null,
            false,
            true,
            Duration.ofMinutes(1),
            Duration.ofHours(2),
            true,
            75,
            Duration.ofMinutes(10));

    assertThat(config.graphRoot()).isEqualTo("https://graph.example.test/v22.0");
    assertThat(config.instagram()).isTrue();
    assertThat(config.instagramToken()).isEqualTo(Secret.of("p"));
    assertThat(config.webhook()).isFalse();
    assertThat(config.humanAgentTag()).isTrue();
    assertThat(config.hideSpam()).isTrue();
    assertThat(config.usageThreshold()).isEqualTo(75);
  }

  @Test
  void namesTheKeyThatIsMissingOrWrong() {
    assertThatThrownBy(
            () ->
                new MetaConfig(
                    true,
                    null,
                    null,
                    null,
                    Secret.of("v"),
                    "1",
                    Secret.of("p"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("plugins.social-channel.meta.app-secret is required");
    assertThatThrownBy(
            () ->
                new MetaConfig(
                    true,
                    null,
                    null,
                    Secret.of("s"),
                    null,
                    "1",
                    Secret.of("p"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("verify-token is required");
    assertThatThrownBy(
            () ->
                new MetaConfig(
                    false, null, "21.0", null, null, null, null, null, null, null, null, null, null,
                    null, null, null))
        .hasMessageContaining("graph-version must look like v21.0");
    assertThatThrownBy(
            () ->
                new MetaConfig(
                    false, null, null, null, null, "my-page", null, null, null, null, null, null,
                    null, null, null, null))
        .hasMessageContaining("page-id must be a numeric id");
    assertThatThrownBy(
            () ->
                new MetaConfig(
                    false, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, 0, null))
        .hasMessageContaining("usage-threshold");
  }
}
