package org.socialdesk.channel.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.Secret;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;

class MastodonPublisherTest {

  @RegisterExtension
  static WireMockExtension mastodon =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final Author SAM =
      new Author("mastodon", "108892712797543112", "sam@remote.example", "Sam", 37, false, 0, null);
  private static final String KEY = "socialdesk-17-1042-1";

  private final SettableClock clock = new SettableClock(NOW);
  private final HttpClient http = HttpClient.newHttpClient();
  private DataSource database;
  private MastodonStatuses statuses;
  private MastodonPublishAttempts attempts;

  @BeforeEach
  void createDatabase() {
    database = TestingDatabase.create(ChannelChangelog.RESOURCE);
    statuses = new MastodonStatuses(database, "brand.example");
    attempts = new MastodonPublishAttempts(database, "brand.example");
  }

  @AfterEach
  void closeClient() {
    http.close();
  }

  private MastodonPublisher publisher(String publicReplyVisibility) {
    return publisher(URI.create(mastodon.baseUrl()), publicReplyVisibility);
  }

  private MastodonPublisher publisher(URI base, String publicReplyVisibility) {
    MastodonApi api = new MastodonApi(http, base, Secret.of("brand-token"), Duration.ofSeconds(15));
    return new MastodonPublisher(
        api, statuses, attempts, publicReplyVisibility, "brand.example", clock);
  }

  private static OutgoingReply reply(Visibility visibility, String text) {
    return new OutgoingReply(KEY, new PostKey("mastodon", "113"), "113", SAM, visibility, text);
  }

  private static String createdStatus(String id, String visibility) {
    ObjectNode status = MastodonJson.status(id, MastodonJson.brand(), "<p>reply</p>");
    status.put("visibility", visibility);
    status.put("url", "https://brand.example/@brand/" + id);
    status.put("created_at", "2026-11-23T12:00:01.500Z");
    return status.toString();
  }

  private static List<LoggedRequest> posts() {
    return mastodon.findAll(postRequestedFor(urlPathEqualTo("/api/v1/statuses")));
  }

  @Test
  void postsTheReplyUnderItsIdempotencyKeyAndAnswersThePublishedStatus() {
    mastodon.stubFor(
        post(urlPathEqualTo("/api/v1/statuses"))
            .willReturn(okJson(createdStatus("200", "public"))));

    PublishOutcome outcome =
        publisher("public").publish(reply(Visibility.PUBLIC, "@sam@remote.example We're on it!"));

    assertThat(outcome)
        .isEqualTo(
            new PublishOutcome.Published(
                "200",
                URI.create("https://brand.example/@brand/200"),
                Instant.parse("2026-11-23T12:00:01.500Z")));
    mastodon.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
            .withHeader("Authorization", equalTo("Bearer brand-token"))
            .withHeader("Idempotency-Key", equalTo(KEY))
            .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
            .withFormParam("status", equalTo("@sam@remote.example We're on it!"))
            .withFormParam("in_reply_to_id", equalTo("113"))
            .withFormParam("visibility", equalTo("public")));
  }

  @Test
  void sendsTheSameIdempotencyKeyWhenRetryingAfterAServerError() {
    mastodon.stubFor(
        post(urlPathEqualTo("/api/v1/statuses"))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse().withStatus(503).withBody("<html>503 Service Unavailable</html>"))
            .willSetStateTo("recovered"));
    mastodon.stubFor(
        post(urlPathEqualTo("/api/v1/statuses"))
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(okJson(createdStatus("201", "public"))));
    MastodonPublisher publisher = publisher("public");

    PublishOutcome first = publisher.publish(reply(Visibility.PUBLIC, "Thanks"));
    clock.advance(Duration.ofSeconds(5));
    PublishOutcome second = publisher.publish(reply(Visibility.PUBLIC, "Thanks"));

    assertThat(first)
        .isInstanceOfSatisfying(
            PublishOutcome.RetryLater.class,
            later -> {
              assertThat(later.after()).isEqualTo(Duration.ofSeconds(5));
              assertThat(later.reason()).contains("503");
            });
    assertThat(second).isInstanceOf(PublishOutcome.Published.class);
    assertThat(posts())
        .hasSize(2)
        .allSatisfy(request -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo(KEY));
  }

  @Test
  void waitsUntilTheRateLimitResetsAfterA429() {
    mastodon.stubFor(
        post(urlPathEqualTo("/api/v1/statuses"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("X-RateLimit-Limit", "300")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", "2026-11-23T12:03:00.000Z")
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"Too many requests\"}")));

    PublishOutcome outcome = publisher("public").publish(reply(Visibility.PUBLIC, "Thanks"));

    assertThat(outcome)
        .isEqualTo(
            new PublishOutcome.RetryLater(
                Duration.ofMinutes(3), "mastodon: rate limited (Too many requests)"));
  }

  @Test
  void refusesWithMastodonsErrorOnA422() {
    mastodon.stubFor(
        post(urlPathEqualTo("/api/v1/statuses"))
            .willReturn(
                aResponse()
                    .withStatus(422)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}")));

    PublishOutcome outcome = publisher("public").publish(reply(Visibility.PUBLIC, "x".repeat(600)));

    assertThat(outcome)
        .isEqualTo(
            new PublishOutcome.Rejected(
                "mastodon: 422 Validation failed: Text character limit of 500 exceeded"));
  }

  @Test
  void refusesAReplyToADeletedStatus() {
    mastodon.stubFor(
        post(urlPathEqualTo("/api/v1/statuses"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"Record not found\"}")));

    assertThat(publisher("public").publish(reply(Visibility.PUBLIC, "Thanks")))
        .isEqualTo(new PublishOutcome.Rejected("mastodon: 404 Record not found"));
  }

  @Test
  void sendsAPrivateReplyAsADirectStatusThatMentionsTheCustomer() {
    mastodon.stubFor(
        post(urlPathEqualTo("/api/v1/statuses"))
            .willReturn(okJson(createdStatus("202", "direct"))));

    PublishOutcome outcome =
        publisher("public").publish(reply(Visibility.PRIVATE, "Please send your order number."));

    mastodon.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
            .withFormParam("status", equalTo("@sam@remote.example Please send your order number."))
            .withFormParam("visibility", equalTo("direct")));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.Published.class, published -> assertThat(published.url()).isNull());
  }

  @Test
  void mentionsTheCustomerOnlyOnce() {
    MastodonPublisher publisher = publisher("public");

    assertThat(publisher.withMention("Hi @SAM@remote.example, done", "sam@remote.example"))
        .isEqualTo("Hi @SAM@remote.example, done");
    assertThat(publisher.withMention("Hi @sam, done", "sam@remote.example"))
        .isEqualTo("@sam@remote.example Hi @sam, done");
    assertThat(publisher.withMention("Hi @samuel@remote.example", "sam@remote.example"))
        .isEqualTo("@sam@remote.example Hi @samuel@remote.example");
    assertThat(publisher.withMention("Hi @alice", "alice@brand.example")).isEqualTo("Hi @alice");
    assertThat(publisher.withMention("Hi @alice@brand.example", "alice@brand.example"))
        .isEqualTo("Hi @alice@brand.example");
    assertThat(publisher.withMention("Hi", "alice@brand.example")).isEqualTo("@alice Hi");
  }

  @Test
  void neverRepliesMoreVisiblyThanTheStatusItAnswers() throws Exception {
    mastodon.stubFor(
        post(urlPathEqualTo("/api/v1/statuses"))
            .willReturn(okJson(createdStatus("203", "private"))));
    statuses.record("113", MastodonStatuses.INBOUND, "private", NOW);

    publisher("public").publish(reply(Visibility.PUBLIC, "Thanks"));

    mastodon.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
            .withFormParam("visibility", equalTo("private")));
  }

  @Test
  void keepsADirectConversationDirect() throws Exception {
    mastodon.stubFor(
        post(urlPathEqualTo("/api/v1/statuses"))
            .willReturn(okJson(createdStatus("204", "direct"))));
    statuses.record("113", MastodonStatuses.INBOUND, "direct", NOW);

    publisher("public").publish(reply(Visibility.PUBLIC, "Thanks"));

    mastodon.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
            .withFormParam("visibility", equalTo("direct")));
  }

  @Test
  void repliesUnlistedToAPublicStatusWhenConfiguredAndContinuesTheThreadAlike() throws Exception {
    mastodon.stubFor(
        post(urlPathEqualTo("/api/v1/statuses"))
            .willReturn(okJson(createdStatus("205", "unlisted"))));
    statuses.record("113", MastodonStatuses.INBOUND, "public", NOW);

    publisher("unlisted").publish(reply(Visibility.PUBLIC, "1/2 Thanks"));

    mastodon.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
            .withFormParam("visibility", equalTo("unlisted")));
    assertThat(statuses.visibility("205")).contains("unlisted");
  }

  @Test
  void stopsRetryingWhenTheIdempotencyKeysHourIsAlmostOver() {
    mastodon.stubFor(
        post(urlPathEqualTo("/api/v1/statuses")).willReturn(aResponse().withStatus(502)));
    MastodonPublisher publisher = publisher("public");

    assertThat(publisher.publish(reply(Visibility.PUBLIC, "Thanks")))
        .isInstanceOf(PublishOutcome.RetryLater.class);
    clock.advance(Duration.ofMinutes(54));
    PublishOutcome late = publisher.publish(reply(Visibility.PUBLIC, "Thanks"));
    clock.advance(Duration.ofMinutes(2));
    PublishOutcome tooLate = publisher.publish(reply(Visibility.PUBLIC, "Thanks"));

    assertThat(late)
        .isInstanceOfSatisfying(
            PublishOutcome.Rejected.class,
            rejected ->
                assertThat(rejected.reason()).contains("one hour only", "Check the thread"));
    assertThat(tooLate).isInstanceOf(PublishOutcome.Rejected.class);
    assertThat(posts()).hasSize(2);
  }

  @Test
  void aRefusedConnectionDoesNotStartTheIdempotencyWindow() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    PublishOutcome outcome =
        publisher(URI.create("http://127.0.0.1:" + closedPort), "public")
            .publish(reply(Visibility.PUBLIC, "Thanks"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.RetryLater.class,
            later -> assertThat(later.reason()).startsWith("mastodon: cannot connect"));
    assertThat(attempts.firstSent(KEY)).isEmpty();
  }

  @Test
  void refusesAReplyToAnotherNetworksPost() {
    OutgoingReply reply =
        new OutgoingReply(KEY, new PostKey("x", "1"), "1", SAM, Visibility.PUBLIC, "Thanks");

    assertThat(publisher("public").publish(reply)).isInstanceOf(PublishOutcome.Rejected.class);
    assertThat(posts()).isEmpty();
  }
}
