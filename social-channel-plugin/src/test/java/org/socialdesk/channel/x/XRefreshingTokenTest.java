package org.socialdesk.channel.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socialdesk.channel.x.XStubs.BRAND_ID;
import static org.socialdesk.channel.x.XStubs.NOW;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.oauth.RefreshingToken;
import org.socialdesk.channel.oauth.TokenSeal;
import org.socialdesk.channel.oauth.TokenStore;
import org.socialdesk.channel.oauth.TokenUnavailable;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingHttpClients;

/**
 * X's token endpoint is not in its OpenAPI file, so it gets a WireMock of its own (its URL is
 * configuration).
 */
class XRefreshingTokenTest {

  static final String CLIENT_ID = "rG9n6402A3dbUJKzXTNX4oWHJ";
  static final String TOKEN_PATH = "/2/oauth2/token";

  private static final WireMockServer oauth =
      new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

  private final SettableClock clock = new SettableClock(NOW);
  private DataSource database;

  @BeforeAll
  static void startTokenEndpoint() {
    oauth.start();
  }

  @AfterAll
  static void stopTokenEndpoint() {
    oauth.stop();
  }

  @BeforeEach
  void emptyState() {
    oauth.resetAll();
    database = TestingDatabase.shared(ChannelChangelog.RESOURCE, "x_oauth_token");
  }

  @Test
  void renewsWithTheRefreshTokenAsAConfidentialClientAndStoresTheRotatedOne() throws Exception {
    oauth.stubFor(
        post(urlPathEqualTo(TOKEN_PATH)).willReturn(tokens("access-1", "refresh-1", 7200)));

    Secret access = token(null, Secret.of("client-secret")).current();

    assertThat(access).isEqualTo(Secret.of("access-1"));
    String basic =
        Base64.getEncoder()
            .encodeToString((CLIENT_ID + ":client-secret").getBytes(StandardCharsets.UTF_8));
    oauth.verify(
        1,
        postRequestedFor(urlPathEqualTo(TOKEN_PATH))
            .withHeader("Authorization", equalTo("Basic " + basic))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withFormParam("grant_type", equalTo("refresh_token"))
            .withFormParam("refresh_token", equalTo("refresh-0"))
            .withFormParam("client_id", equalTo(CLIENT_ID)));
    assertThat(storedRefreshToken()).isEqualTo("refresh-1");
  }

  @Test
  void theTableHoldsNoTokenInClear() throws Exception {
    RefreshingToken token = token(Secret.of("configured-access"), Secret.of("client-secret"));
    token.current();

    assertThat(storedColumn("refresh_token"))
        .startsWith(TokenSeal.PREFIX)
        .doesNotContain("refresh-0");
    assertThat(storedColumn("access_token"))
        .startsWith(TokenSeal.PREFIX)
        .doesNotContain("configured-access");
    assertThat(storedRefreshToken()).isEqualTo("refresh-0");
  }

  @Test
  void aRowStoredInClearByAnEarlierVersionIsReadAndSealed() throws Exception {
    try (Connection connection = database.getConnection();
        Statement insert = connection.createStatement()) {
      insert.executeUpdate(
          "insert into x_oauth_token (brand_user_id, access_token, access_expires_at, refresh_token, seed_fingerprint, updated_at)"
              + " values ('"
              + BRAND_ID
              + "', 'old-access', null, 'refresh-5', '"
              + new TokenStore.Seed(BRAND_ID, Secret.of("refresh-0"), null).fingerprint()
              + "', current_timestamp)");
    }

    assertThat(token(null, Secret.of("client-secret")).current())
        .isEqualTo(Secret.of("old-access"));
    assertThat(storedColumn("access_token")).startsWith(TokenSeal.PREFIX);
    assertThat(storedColumn("refresh_token")).startsWith(TokenSeal.PREFIX);
    assertThat(storedRefreshToken()).isEqualTo("refresh-5");
  }

  @Test
  void anAlteredStoredTokenIsAClearFailureNamingTheKeyNotACrash() throws Exception {
    oauth.stubFor(
        post(urlPathEqualTo(TOKEN_PATH)).willReturn(tokens("access-1", "refresh-1", 7200)));
    token(null, Secret.of("client-secret")).current();
    try (Connection connection = database.getConnection();
        Statement update = connection.createStatement()) {
      update.executeUpdate(
          "update x_oauth_token set refresh_token = '"
              + TokenSeal.PREFIX
              + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'");
    }

    assertThatThrownBy(() -> token(null, Secret.of("client-secret")).current())
        .isInstanceOf(TokenUnavailable.class)
        .hasMessageContaining("plugins.social-channel.x.oauth2.refresh-token");
  }

  @Test
  void aPublicClientSendsItsIdWithoutBasicAuthentication() throws Exception {
    oauth.stubFor(
        post(urlPathEqualTo(TOKEN_PATH)).willReturn(tokens("access-1", "refresh-1", 7200)));

    token(null, null).current();

    assertThat(
            oauth
                .findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))
                .getFirst()
                .containsHeader("Authorization"))
        .isFalse();
  }

  @Test
  void keepsTheTokenUntilFiveMinutesBeforeItExpiresThenRenewsWithTheNewestRefreshToken()
      throws Exception {
    oauth.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .withFormParam("refresh_token", equalTo("refresh-0"))
            .willReturn(tokens("access-1", "refresh-1", 7200)));
    oauth.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .withFormParam("refresh_token", equalTo("refresh-1"))
            .willReturn(tokens("access-2", "refresh-2", 7200)));
    RefreshingToken token = token(null, Secret.of("client-secret"));

    assertThat(token.current()).isEqualTo(Secret.of("access-1"));
    clock.advance(Duration.ofMinutes(114));
    assertThat(token.current()).isEqualTo(Secret.of("access-1"));
    clock.advance(Duration.ofMinutes(2));
    assertThat(token.current()).isEqualTo(Secret.of("access-2"));

    oauth.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    assertThat(storedRefreshToken()).isEqualTo("refresh-2");
  }

  @Test
  void aRestartUsesTheStoredTokensNotTheSpentOneFromTheConfiguration() throws Exception {
    oauth.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .withFormParam("refresh_token", equalTo("refresh-0"))
            .willReturn(tokens("access-1", "refresh-1", 7200)));
    oauth.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .withFormParam("refresh_token", equalTo("refresh-1"))
            .willReturn(tokens("access-2", "refresh-2", 7200)));
    token(null, Secret.of("client-secret")).current();

    RefreshingToken afterRestart = token(null, Secret.of("client-secret"));

    assertThat(afterRestart.current()).isEqualTo(Secret.of("access-1"));
    oauth.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    clock.advance(Duration.ofHours(2));
    assertThat(afterRestart.current()).isEqualTo(Secret.of("access-2"));
  }

  @Test
  void aNewRefreshTokenInTheConfigurationReplacesTheStoredOne() throws Exception {
    oauth.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .withFormParam("refresh_token", equalTo("refresh-0"))
            .willReturn(tokens("access-1", "refresh-1", 7200)));
    oauth.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .withFormParam("refresh_token", equalTo("reauthorized"))
            .willReturn(tokens("access-9", "refresh-9", 7200)));
    token(null, Secret.of("client-secret")).current();

    RefreshingToken reconfigured =
        token(Secret.of("reauthorized"), null, Secret.of("client-secret"));

    assertThat(reconfigured.current()).isEqualTo(Secret.of("access-9"));
    assertThat(storedRefreshToken()).isEqualTo("refresh-9");
  }

  @Test
  void aConfiguredAccessTokenIsUsedUntilXRefusesItThenRenewedOnce() throws Exception {
    oauth.stubFor(
        post(urlPathEqualTo(TOKEN_PATH)).willReturn(tokens("access-1", "refresh-1", 7200)));
    RefreshingToken token = token(Secret.of("refresh-0"), Secret.of("configured"), null);

    assertThat(token.current()).isEqualTo(Secret.of("configured"));
    oauth.verify(0, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));

    assertThat(token.renewAfterRejection(Secret.of("configured"))).isTrue();
    assertThat(token.current()).isEqualTo(Secret.of("access-1"));
    assertThat(token.renewAfterRejection(Secret.of("access-1")))
        .as("X refused a token it has just issued")
        .isFalse();
    oauth.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
  }

  @Test
  void callersAtTheSameTimeShareOneRenewal() throws Exception {
    oauth.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .willReturn(tokens("access-1", "refresh-1", 7200).withFixedDelay(300)));
    RefreshingToken token = token(null, Secret.of("client-secret"));
    List<Future<Secret>> results = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        results.add(callers.submit((Callable<Secret>) token::current));
      }
    }

    for (Future<Secret> result : results) {
      assertThat(result.get()).isEqualTo(Secret.of("access-1"));
    }
    oauth.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
  }

  @Test
  void aRefusedRefreshTokenNamesTheKeyAndIsNotTriedAgainAtOnce() throws Exception {
    oauth.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the token was invalid.\"}")));
    RefreshingToken token = token(null, Secret.of("client-secret"));

    assertThatThrownBy(token::current)
        .isInstanceOf(TokenUnavailable.class)
        .hasMessageContaining("invalid_request")
        .hasMessageContaining("plugins.social-channel.x.oauth2.refresh-token")
        .hasMessageNotContaining("refresh-0");
    assertThatThrownBy(token::current).isInstanceOf(TokenUnavailable.class);
    oauth.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));

    clock.advance(RefreshingToken.RETRY_AFTER_FAILURE);
    assertThatThrownBy(token::current).isInstanceOf(TokenUnavailable.class);
    oauth.verify(
        2,
        postRequestedFor(urlPathEqualTo(TOKEN_PATH))
            .withRequestBody(containing("grant_type=refresh_token")));
  }

  static ResponseDefinitionBuilder tokens(String access, String refresh, int expiresIn) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json;charset=UTF-8")
        .withBody(
            "{\"token_type\":\"bearer\",\"expires_in\":"
                + expiresIn
                + ",\"access_token\":\""
                + access
                + "\",\"scope\":\"tweet.read tweet.write users.read dm.read dm.write offline.access\",\"refresh_token\":\""
                + refresh
                + "\"}");
  }

  static URI tokenUrl() {
    return URI.create("http://127.0.0.1:" + oauth.port() + TOKEN_PATH);
  }

  private RefreshingToken token(Secret accessToken, Secret clientSecret) {
    return token(Secret.of("refresh-0"), accessToken, clientSecret);
  }

  private RefreshingToken token(Secret refreshToken, Secret accessToken, Secret clientSecret) {
    XConfig.OAuth2 client = new XConfig.OAuth2(CLIENT_ID, clientSecret, refreshToken, tokenUrl());
    XConfig config =
        new XConfig(
            true,
            null,
            BRAND_ID,
            null,
            null,
            accessToken,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            client);
    return XChannel.refreshingToken(
        config, database, TestingHttpClients.newClient(), Duration.ofSeconds(5), clock);
  }

  /** The stored refresh token, opened with the seal of the seed every test starts from. */
  private String storedRefreshToken() throws Exception {
    String stored = storedColumn("refresh_token");
    return stored == null
        ? null
        : TokenSeal.forSeed(XConfig.TOKEN_OWNER, BRAND_ID, Secret.of(seedOf(stored)))
            .open("refresh_token", stored)
            .reveal();
  }

  /** Tests seed with refresh-0, except the one that changes it to "reauthorized". */
  private static String seedOf(String stored) {
    for (String seed : List.of("refresh-0", "reauthorized")) {
      try {
        TokenSeal.forSeed(XConfig.TOKEN_OWNER, BRAND_ID, Secret.of(seed))
            .open("refresh_token", stored);
        return seed;
      } catch (TokenUnavailable notThisOne) {
        // try the next
      }
    }
    throw new AssertionError("the stored refresh token opens with no seed of these tests");
  }

  private String storedColumn(String column) throws Exception {
    try (Connection connection = database.getConnection();
        Statement select = connection.createStatement();
        ResultSet row =
            select.executeQuery(
                "select "
                    + column
                    + " from x_oauth_token where brand_user_id = '"
                    + BRAND_ID
                    + "'")) {
      return row.next() ? row.getString(1) : null;
    }
  }
}
