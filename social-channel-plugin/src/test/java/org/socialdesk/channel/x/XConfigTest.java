package org.socialdesk.channel.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;

class XConfigTest {

  @Test
  void defaultsLeaveTheChannelOffAndPollEveryMinuteWithinBasicTierBudgets() {
    XConfig config = XConfig.defaults();

    assertThat(config.enabled()).isFalse();
    assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.x.com"));
    assertThat(config.brandUserId()).isNull();
    assertThat(config.brandUsername()).isNull();
    assertThat(config.bearerToken()).isNull();
    assertThat(config.userAccessToken()).isNull();
    assertThat(config.consumerSecret()).isNull();
    assertThat(config.mode()).isEqualTo("poll");
    assertThat(config.webhookMode()).isFalse();
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.dmPollInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.backfill()).isEqualTo(Duration.ofHours(1));
    assertThat(config.maxResults()).isEqualTo(100);
    assertThat(config.names()).isEqualTo(XFieldNames.POST);
    assertThat(config.pacing()).isEqualTo(new XConfig.Pacing(10, 15, 100, 15));
  }

  @Test
  void takesEveryKeyExplicitly() {
    XConfig config =
        new XConfig(
            true,
            URI.create("https://x.example.test/"),
            "1400000000000000001",
            "@ShopKite",
            Secret.of("app"),
            Secret.of("user"),
            Secret.of("consumer"),
            "Webhook",
            Duration.ofSeconds(90),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            50,
            "TWEET",
            new XConfig.Pacing(20, 30, 200, 40));

    assertThat(config.enabled()).isTrue();
    assertThat(config.baseUrl()).isEqualTo(URI.create("https://x.example.test/"));
    assertThat(config.brandUserId()).isEqualTo("1400000000000000001");
    assertThat(config.brandUsername()).isEqualTo("ShopKite");
    assertThat(config.readToken()).isEqualTo(Secret.of("app"));
    assertThat(config.userAccessToken()).isEqualTo(Secret.of("user"));
    assertThat(config.consumerSecret()).isEqualTo(Secret.of("consumer"));
    assertThat(config.webhookMode()).isTrue();
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.dmPollInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.backfill()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.maxResults()).isEqualTo(50);
    assertThat(config.names()).isEqualTo(XFieldNames.TWEET);
    assertThat(config.pacing().budget(XEndpoint.MENTIONS)).isEqualTo(20);
    assertThat(config.pacing().budget(XEndpoint.DM_EVENTS)).isEqualTo(30);
    assertThat(config.pacing().budget(XEndpoint.CREATE_POST)).isEqualTo(200);
    assertThat(config.pacing().budget(XEndpoint.SEND_DM)).isEqualTo(40);
  }

  @Test
  void readsMentionsWithTheUserTokenWhenNoBearerTokenIsGiven() {
    XConfig config = enabled("poll", null);

    assertThat(config.readToken()).isEqualTo(Secret.of("user"));
  }

  @Test
  void requiresTheBrandAndTheUserTokenWhenEnabled() {
    assertThatThrownBy(
            () ->
                new XConfig(
                    true,
                    null,
                    null,
                    null,
                    null,
                    Secret.of("user"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plugins.social-channel.x.brand-user-id is required");
    assertThatThrownBy(
            () ->
                new XConfig(
                    true,
                    null,
                    "1",
                    null,
                    null,
                    Secret.of(""),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "plugins.social-channel.x.user-access-token (or plugins.social-channel.x.oauth2) is required");
  }

  @Test
  void requiresTheConsumerSecretInWebhookMode() {
    assertThatThrownBy(() -> enabled("webhook", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plugins.social-channel.x.consumer-secret is required");
  }

  @Test
  void refusesInvalidValuesNamingTheKey() {
    assertThatThrownBy(() -> enabled("stream", null))
        .hasMessageStartingWith("plugins.social-channel.x.mode must be poll or webhook");
    assertThatThrownBy(
            () ->
                new XConfig(
                    null,
                    null,
                    "@ShopKite",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageStartingWith(
            "plugins.social-channel.x.brand-user-id must be the account's numeric id");
    assertThatThrownBy(
            () ->
                new XConfig(
                    null, null, null, null, null, null, null, null, null, null, null, 101, null,
                    null))
        .hasMessageStartingWith("plugins.social-channel.x.max-results must be from 5 to 100");
    assertThatThrownBy(
            () ->
                new XConfig(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Duration.ZERO,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageStartingWith("plugins.social-channel.x.poll-interval must be longer than zero");
    assertThatThrownBy(
            () ->
                new XConfig(
                    null,
                    URI.create("ftp://x"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageStartingWith("plugins.social-channel.x.base-url must be an http(s) URL");
    assertThatThrownBy(
            () ->
                new XConfig(
                    null, null, null, null, null, null, null, null, null, null, null, null, "posts",
                    null))
        .hasMessageStartingWith("plugins.social-channel.x.field-names must be post or tweet");
    assertThatThrownBy(() -> new XConfig.Pacing(0, null, null, null))
        .hasMessageStartingWith("plugins.social-channel.x.pacing.mentions must be from 1");
  }

  @Test
  void neverShowsItsSecrets() {
    XConfig config =
        new XConfig(
            true,
            null,
            "1",
            null,
            Secret.of("app-secret-value"),
            Secret.of("user-secret-value"),
            Secret.of("consumer-secret-value"),
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    assertThat(config.toString()).doesNotContain("secret-value");
  }

  private static XConfig enabled(String mode, Secret consumerSecret) {
    return new XConfig(
        true,
        null,
        "1400000000000000001",
        null,
        null,
        Secret.of("user"),
        consumerSecret,
        mode,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void withOAuth2TheUserTokenIsOptionalAndTokensAreExchangedUnderTheBaseUrl() {
    XConfig.OAuth2 oauth2 =
        new XConfig.OAuth2("client", Secret.of("secret"), Secret.of("refresh"), null);
    XConfig config =
        new XConfig(
            true,
            URI.create("https://x.example.test/"),
            "1400000000000000001",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            oauth2);

    assertThat(config.userAccessToken()).isNull();
    assertThat(config.tokenUrl()).isEqualTo(URI.create("https://x.example.test/2/oauth2/token"));
  }

  @Test
  void anExplicitTokenUrlWins() {
    XConfig.OAuth2 oauth2 =
        new XConfig.OAuth2(
            "client", null, Secret.of("refresh"), URI.create("http://127.0.0.1:9/token"));
    XConfig config =
        new XConfig(
            true, null, "1", null, null, null, null, null, null, null, null, null, null, null,
            oauth2);

    assertThat(config.tokenUrl()).isEqualTo(URI.create("http://127.0.0.1:9/token"));
  }

  @Test
  void oauth2NeedsTheClientIdAndTheRefreshToken() {
    assertThatThrownBy(() -> new XConfig.OAuth2(" ", null, Secret.of("refresh"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plugins.social-channel.x.oauth2.client-id is required");
    assertThatThrownBy(() -> new XConfig.OAuth2("client", null, Secret.of(""), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plugins.social-channel.x.oauth2.refresh-token is required");
    assertThatThrownBy(
            () -> new XConfig.OAuth2("client", null, Secret.of("r"), URI.create("ftp://x/token")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plugins.social-channel.x.oauth2.token-url");
  }
}
