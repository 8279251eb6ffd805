package org.socialdesk.channel.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingPluginContext;

/**
 * The faults the local network cannot be made to show: rate limits (429 with {@code
 * ratelimit-reset}), server errors, an expired access token. WireMock plays the PDS; every request
 * the channel sends it is judged by the lexicons ({@link BlueskyLexicons}).
 */
class BlueskyFaultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final String BRAND = "did:plc:brand0000000000000000000";
  private static final String CUSTOMER = "did:plc:customer00000000000000000";
  private static final String POST_URI = "at://" + CUSTOMER + "/app.bsky.feed.post/3n3qcmbiyts2w";

  private static final WireMockServer pds =
      new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

  private final SettableClock clock = new SettableClock(NOW);
  private final RecordingIngest ingest = new RecordingIngest();
  private TestingPluginContext context;
  private BlueskyChannel.Parts channel;

  @BeforeAll
  static void startPds() {
    pds.start();
  }

  @AfterAll
  static void stopPds() {
    pds.stop();
  }

  @BeforeEach
  void channel() {
    pds.stubFor(
        post(urlPathEqualTo("/xrpc/com.atproto.server.createSession")).willReturn(session("a1")));
    BlueskyConfig config =
        new BlueskyConfig(
            true,
            URI.create("http://127.0.0.1:" + pds.port()),
            "brand.test",
            Secret.of("abcd-efgh-ijkl-mnop"),
            null,
            true,
            null,
            null,
            null,
            null,
            null);
    context =
        TestingPluginContext.builder()
            .config(config)
            .dataSource(TestingDatabase.create(ChannelChangelog.RESOURCE))
            .ingest(ingest)
            .clock(clock)
            .httpClients(Duration.ofSeconds(5))
            .build();
    channel = BlueskyChannel.parts(config, context);
  }

  @AfterEach
  void judge() {
    try {
      assertThat(BlueskyLexicons.problems(new ArrayList<>(pds.getAllServeEvents())))
          .as("requests the lexicons do not allow")
          .isEmpty();
    } finally {
      context.close();
      pds.resetAll();
    }
  }

  /**
   * A session whose access token (an unsigned JWT: the channel reads, never verifies) lives 2 h.
   */
  private ResponseDefinitionBuilder session(String name) {
    String claims =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("{\"sub\":\""
                        + BRAND
                        + "\",\"exp\":"
                        + NOW.plusSeconds(7200).getEpochSecond()
                        + "}")
                    .getBytes(StandardCharsets.UTF_8));
    return json(
        200,
        Map.of(
            "accessJwt",
            "eyJhbGciOiJub25lIn0." + claims + "." + name,
            "refreshJwt",
            "refresh-" + name,
            "handle",
            "brand.test",
            "did",
            BRAND));
  }

  private static ResponseDefinitionBuilder json(int status, Object body) {
    try {
      return aResponse()
          .withStatus(status)
          .withHeader("Content-Type", "application/json")
          .withBody(JSON.writeValueAsString(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> notification() {
    return Map.of(
        "uri",
        POST_URI,
        "cid",
        "bafyreidoq2",
        "author",
        Map.of("did", CUSTOMER, "handle", "customer.test", "displayName", "A Customer"),
        "reason",
        "mention",
        "record",
        Map.of(
            "$type",
            "app.bsky.feed.post",
            "text",
            "Hey @brand.test",
            "createdAt",
            "2026-12-03T11:59:00Z"),
        "isRead",
        false,
        "indexedAt",
        "2026-12-03T11:59:01Z");
  }

  private static ResponseDefinitionBuilder rateLimited(Instant reset) {
    return json(429, Map.of("error", "RateLimitExceeded", "message", "Rate Limit Exceeded"))
        .withHeader("ratelimit-limit", "3000")
        .withHeader("ratelimit-remaining", "0")
        .withHeader("ratelimit-reset", String.valueOf(reset.getEpochSecond()));
  }

  @Test
  void aRateLimitedPollCallsNothingUntilTheResetThenTakesThePost() throws Exception {
    String notifications = "/xrpc/app.bsky.notification.listNotifications";
    pds.stubFor(get(urlPathEqualTo(notifications)).willReturn(rateLimited(NOW.plusSeconds(120))));

    assertThat(channel.poller().poll()).isEqualTo(BlueskyPoller.Outcome.RATE_LIMITED);
    clock.advance(Duration.ofSeconds(60));
    assertThat(channel.poller().poll()).isEqualTo(BlueskyPoller.Outcome.RATE_LIMITED);
    pds.verify(1, getRequestedFor(urlPathEqualTo(notifications)));

    pds.stubFor(
        get(urlPathEqualTo(notifications))
            .willReturn(json(200, Map.of("notifications", List.of(notification())))));
    clock.advance(Duration.ofSeconds(61));
    assertThat(channel.poller().poll()).isEqualTo(BlueskyPoller.Outcome.CAUGHT_UP);
    assertThat(ingest.storedPostIds()).containsExactly(CUSTOMER + ":3n3qcmbiyts2w");
  }

  @Test
  void aServerErrorWhilePollingKeepsTheCursorSoTheNextPollTakesThePost() throws Exception {
    String notifications = "/xrpc/app.bsky.notification.listNotifications";
    pds.stubFor(
        get(urlPathEqualTo(notifications))
            .inScenario("outage")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(502, Map.of("error", "UpstreamFailure", "message", "appview down")))
            .willSetStateTo("back"));
    pds.stubFor(
        get(urlPathEqualTo(notifications))
            .inScenario("outage")
            .whenScenarioStateIs("back")
            .willReturn(json(200, Map.of("notifications", List.of(notification())))));

    assertThat(channel.poller().poll()).isEqualTo(BlueskyPoller.Outcome.FAILED);
    assertThat(ingest.storedPostIds()).isEmpty();
    assertThat(channel.poller().poll()).isEqualTo(BlueskyPoller.Outcome.CAUGHT_UP);
    assertThat(ingest.storedPostIds()).containsExactly(CUSTOMER + ":3n3qcmbiyts2w");
  }

  private long followersOfTheTakenPost() {
    return ingest.stored().stream()
        .filter(InboundEvent.NewPost.class::isInstance)
        .map(event -> ((InboundEvent.NewPost) event).post().author().followers())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theAuthorsFollowerCountIsReadFromTheirDetailedProfile() throws Exception {
    pds.stubFor(
        get(urlPathEqualTo("/xrpc/app.bsky.notification.listNotifications"))
            .willReturn(json(200, Map.of("notifications", List.of(notification())))));
    pds.stubFor(
        get(urlPathEqualTo("/xrpc/app.bsky.actor.getProfiles"))
            .withQueryParam("actors", equalTo(CUSTOMER))
            .willReturn(
                json(
                    200,
                    Map.of(
                        "profiles",
                        List.of(
                            Map.of(
                                "did",
                                CUSTOMER,
                                "handle",
                                "customer.test",
                                "followersCount",
                                48_213))))));

    assertThat(channel.poller().poll()).isEqualTo(BlueskyPoller.Outcome.CAUGHT_UP);

    assertThat(followersOfTheTakenPost()).isEqualTo(48_213);
  }

  @Test
  void aProfileServiceFailureLeavesTheCountUnknownAndStillTakesThePost() throws Exception {
    pds.stubFor(
        get(urlPathEqualTo("/xrpc/app.bsky.notification.listNotifications"))
            .willReturn(json(200, Map.of("notifications", List.of(notification())))));
    pds.stubFor(
        get(urlPathEqualTo("/xrpc/app.bsky.actor.getProfiles"))
            .willReturn(json(502, Map.of("error", "UpstreamFailure", "message", "appview down"))));

    assertThat(channel.poller().poll()).isEqualTo(BlueskyPoller.Outcome.CAUGHT_UP);

    assertThat(ingest.storedPostIds()).containsExactly(CUSTOMER + ":3n3qcmbiyts2w");
    assertThat(followersOfTheTakenPost()).isZero();
  }

  private void customerPostExists() {
    pds.stubFor(
        get(urlPathEqualTo("/xrpc/app.bsky.feed.getPosts"))
            .willReturn(
                json(
                    200,
                    Map.of(
                        "posts",
                        List.of(
                            Map.of(
                                "uri",
                                POST_URI,
                                "cid",
                                "bafyreidoq2",
                                "record",
                                Map.of(
                                    "text",
                                    "Hey @brand.test",
                                    "createdAt",
                                    "2026-12-03T11:59:00Z")))))));
  }

  private static OutgoingReply reply() {
    return new OutgoingReply(
        "reply-7/part-1",
        new PostKey("bluesky", CUSTOMER + ":3n3qcmbiyts2w"),
        CUSTOMER + ":3n3qcmbiyts2w",
        Author.of("bluesky", CUSTOMER, "customer.test"),
        Visibility.PUBLIC,
        "We are on it.");
  }

  @Test
  void aReplyCutOffByAServerErrorIsRetriedUnderTheSameKeyAndTakenAsPublishedWhenTheRecordExists()
      throws Exception {
    customerPostExists();
    String create = "/xrpc/com.atproto.repo.createRecord";
    String getRecord = "/xrpc/com.atproto.repo.getRecord";
    pds.stubFor(
        post(urlPathEqualTo(create))
            .willReturn(json(503, Map.of("error", "InternalServerError", "message", "busy"))));
    pds.stubFor(
        get(urlPathEqualTo(getRecord))
            .willReturn(
                json(
                    400, Map.of("error", "RecordNotFound", "message", "Could not locate record"))));

    PublishOutcome first = channel.publisher().publish(reply());

    assertThat(first).isInstanceOf(PublishOutcome.RetryLater.class);
    // The first attempt did write the record after all: the PDS refuses a second one (500, as
    // the real PDS answers a duplicate key), and getRecord finds it.
    String rkey = BlueskyTid.forKey("reply-7/part-1");
    pds.stubFor(
        post(urlPathEqualTo(create))
            .willReturn(
                json(
                    500,
                    Map.of("error", "InternalServerError", "message", "Internal Server Error"))));
    pds.stubFor(
        get(urlPathEqualTo(getRecord))
            .willReturn(
                json(
                    200,
                    Map.of(
                        "uri",
                        "at://" + BRAND + "/app.bsky.feed.post/" + rkey,
                        "cid",
                        "bafyreibrand",
                        "value",
                        Map.of("text", "We are on it.")))));

    PublishOutcome second = channel.publisher().publish(reply());

    assertThat(second).isInstanceOf(PublishOutcome.Published.class);
    assertThat(((PublishOutcome.Published) second).remoteId()).isEqualTo(BRAND + ":" + rkey);
    List<String> keys =
        pds.findAll(postRequestedFor(urlPathEqualTo(create))).stream()
            .map(request -> readRkey(request.getBodyAsString()))
            .toList();
    assertThat(keys).containsExactly(rkey, rkey);
  }

  private static String readRkey(String body) {
    try {
      return JSON.readTree(body).path("rkey").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aRateLimitedReplyIsRetriedAfterTheReset() throws Exception {
    customerPostExists();
    pds.stubFor(
        post(urlPathEqualTo("/xrpc/com.atproto.repo.createRecord"))
            .willReturn(rateLimited(NOW.plusSeconds(90))));

    PublishOutcome outcome = channel.publisher().publish(reply());

    assertThat(outcome).isInstanceOf(PublishOutcome.RetryLater.class);
    assertThat(((PublishOutcome.RetryLater) outcome).after()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void anExpiredAccessTokenIsRenewedWithTheRefreshTokenAndTheCallSentOnce() throws Exception {
    String notifications = "/xrpc/app.bsky.notification.listNotifications";
    pds.stubFor(
        post(urlPathEqualTo("/xrpc/com.atproto.server.refreshSession")).willReturn(session("a2")));
    pds.stubFor(
        get(urlPathEqualTo(notifications))
            .inScenario("expiry")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(400, Map.of("error", "ExpiredToken", "message", "Token has expired")))
            .willSetStateTo("renewed"));
    pds.stubFor(
        get(urlPathEqualTo(notifications))
            .inScenario("expiry")
            .whenScenarioStateIs("renewed")
            .willReturn(json(200, Map.of("notifications", List.of(notification())))));

    assertThat(channel.poller().poll()).isEqualTo(BlueskyPoller.Outcome.CAUGHT_UP);

    pds.verify(1, postRequestedFor(urlPathEqualTo("/xrpc/com.atproto.server.createSession")));
    pds.verify(
        1,
        postRequestedFor(urlPathEqualTo("/xrpc/com.atproto.server.refreshSession"))
            .withHeader("Authorization", equalTo("Bearer refresh-a1")));
    assertThat(ingest.storedPostIds()).containsExactly(CUSTOMER + ":3n3qcmbiyts2w");
  }
}
