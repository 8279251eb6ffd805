package org.socialdesk.channel.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socialdesk.channel.meta.MetaStubs.NOW;
import static org.socialdesk.channel.meta.MetaStubs.PAGE;
import static org.socialdesk.channel.meta.MetaStubs.PAGE_POST;
import static org.socialdesk.channel.meta.MetaStubs.PAGE_TOKEN;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingHttpClients;

class MetaGraphTest {

  @RegisterExtension static final MetaWireMock graph = new MetaWireMock();

  private static final Map<String, String> READ = Map.of("fields", "id,message");
  private final SettableClock clock = new SettableClock(NOW);
  private final DataSource db = TestingDatabase.create(ChannelChangelog.RESOURCE);
  private final MetaConfig config = MetaStubs.config(graph.baseUrl());
  private final MetaTokens tokens =
      new MetaTokens(db, clock, new MetaTokenSeal(config.appSecret()));
  private final MetaGraph client = client();

  private MetaGraph client() {
    tokens.configure(PAGE, "page", Secret.of(PAGE_TOKEN));
    return new MetaGraph(
        new TestingHttpClients(Duration.ofSeconds(5)).forPeer("meta"),
        config,
        Duration.ofSeconds(5),
        new MetaPacer(clock, config.usageThreshold(), config.throttlePause()),
        tokens);
  }

  @Test
  void callsTheConfiguredVersionWithTheTokenAndItsAppsecretProof() throws Exception {
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE_POST, "comments")))
                .willReturn(MetaStubs.json("{\"data\":[]}")));

    assertThat(client.get(PAGE, "/" + PAGE_POST + "/comments", READ).path("data").isArray())
        .isTrue();

    graph
        .server()
        .verify(
            getRequestedFor(urlPathEqualTo("/v21.0/" + PAGE_POST + "/comments"))
                .withHeader("Authorization", equalTo("Bearer " + PAGE_TOKEN))
                .withQueryParam(
                    "appsecret_proof",
                    equalTo(MetaGraph.appsecretProof(config.appSecret(), Secret.of(PAGE_TOKEN)))));
  }

  @Test
  void anExpiredTokenIsRecordedAndNotUsedAgainUntilANewOneIsConfigured() throws Exception {
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE_POST, "comments")))
                .willReturn(
                    MetaStubs.graphError(
                        400, 190, "Error validating access token: Session has expired")));

    assertThatThrownBy(() -> client.get(PAGE, "/" + PAGE_POST + "/comments", READ))
        .isInstanceOfSatisfying(
            MetaGraphException.class,
            e -> assertThat(e.kind()).isEqualTo(MetaGraphException.Kind.TOKEN_INVALID));
    assertThatThrownBy(() -> client.get(PAGE, "/" + PAGE_POST + "/comments", READ))
        .isInstanceOfSatisfying(
            MetaGraphException.class,
            e -> assertThat(e.getMessage()).contains("Session has expired", "page-access-token"));
    assertThat(graph.requests()).hasSize(1);
    assertThat(tokens.problems()).singleElement().asString().contains(PAGE, "Graph error 190");

    tokens.configure(PAGE, "page", Secret.of("EAAB-renewed"));
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE_POST, "comments")))
                .willReturn(MetaStubs.json("{\"data\":[]}")));
    assertThat(tokens.problems()).isEmpty();
    assertThat(tokens.current(PAGE).reveal()).isEqualTo("EAAB-renewed");
  }

  @Test
  void aThrottlingErrorPausesEveryCallUntilTheConfiguredPauseIsOver() throws Exception {
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE_POST, "comments")))
                .willReturn(MetaStubs.graphError(403, 32, "Page request limit reached")));

    assertThatThrownBy(() -> client.get(PAGE, "/" + PAGE_POST + "/comments", READ))
        .isInstanceOfSatisfying(
            MetaGraphException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(MetaGraphException.Kind.THROTTLED);
              assertThat(e.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
            });
    clock.advance(Duration.ofMinutes(4));
    assertThatThrownBy(() -> client.get(PAGE, "/" + PAGE_POST + "/comments", READ))
        .hasMessageContaining("nothing was sent");
    assertThat(graph.requests()).hasSize(1);

    clock.advance(Duration.ofMinutes(1));
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE_POST, "comments")))
                .willReturn(MetaStubs.json("{\"data\":[]}")));
    client.get(PAGE, "/" + PAGE_POST + "/comments", READ);
    assertThat(graph.requests()).hasSize(2);
  }

  @Test
  void everyThrottlingCodeOfGraphIsThrottlingAndOthersAreNot() {
    for (int code : new int[] {4, 17, 32, 613, 80001, 80002, 80006, 80014}) {
      assertThat(MetaGraph.isThrottling(code)).as("code %d", code).isTrue();
    }
    for (int code : new int[] {1, 2, 10, 100, 190, 200, 368, 551}) {
      assertThat(MetaGraph.isThrottling(code)).as("code %d", code).isFalse();
    }
  }

  @Test
  void usageHeadersAtTheThresholdPauseCallsForTheTimeMetaAnnounces() throws Exception {
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE_POST, "comments")))
                .willReturn(
                    MetaStubs.json("{\"data\":[]}")
                        .withHeader(
                            "X-Business-Use-Case-Usage",
                            "{\""
                                + PAGE
                                + "\":[{\"type\":\"pages\",\"call_count\":93,\"total_cputime\":10,\"total_time\":12,\"estimated_time_to_regain_access\":12}]}")));

    client.get(PAGE, "/" + PAGE_POST + "/comments", READ);

    assertThatThrownBy(() -> client.get(PAGE, "/" + PAGE_POST + "/comments", READ))
        .isInstanceOfSatisfying(
            MetaGraphException.class,
            e -> assertThat(e.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(12))));
    assertThat(graph.requests()).hasSize(1);
  }

  @Test
  void usageBelowTheThresholdDoesNotPause() throws Exception {
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE_POST, "comments")))
                .willReturn(
                    MetaStubs.json("{\"data\":[]}")
                        .withHeader(
                            "X-App-Usage",
                            "{\"call_count\":89,\"total_cputime\":20,\"total_time\":30}")));

    client.get(PAGE, "/" + PAGE_POST + "/comments", READ);
    client.get(PAGE, "/" + PAGE_POST + "/comments", READ);

    assertThat(graph.requests()).hasSize(2);
  }

  @Test
  void aMissingPermissionAndAnOutageAreToldApart() {
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE_POST, "comments")))
                .willReturn(
                    MetaStubs.graphError(403, 200, "Requires pages_read_engagement permission")));
    assertThatThrownBy(() -> client.get(PAGE, "/" + PAGE_POST + "/comments", READ))
        .isInstanceOfSatisfying(
            MetaGraphException.class,
            e -> assertThat(e.kind()).isEqualTo(MetaGraphException.Kind.PERMISSION));

    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE_POST, "comments")))
                .willReturn(MetaStubs.graphError(500, 2, "Service temporarily unavailable")));
    assertThatThrownBy(() -> client.get(PAGE, "/" + PAGE_POST + "/comments", READ))
        .isInstanceOfSatisfying(
            MetaGraphException.class,
            e -> assertThat(e.kind()).isEqualTo(MetaGraphException.Kind.TEMPORARY));
  }

  @Test
  void theTokenIsSealedAtRest() {
    String stored =
        new ChannelJdbc(db)
            .queryOne(
                "read",
                "select token from meta_token where account_id = ?",
                r -> r.getString(1),
                PAGE)
            .orElseThrow();

    assertThat(stored).startsWith(MetaTokenSeal.PREFIX).doesNotContain(PAGE_TOKEN);
    assertThat(new MetaTokenSeal(Secret.of("another app secret")).open(PAGE, stored)).isEmpty();
    assertThat(new MetaTokenSeal(config.appSecret()).open("another account", stored)).isEmpty();
  }
}
