package org.socialdesk.channel.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socialdesk.channel.x.XStubs.BRAND_ID;
import static org.socialdesk.channel.x.XStubs.NOW;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.Secret;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.oauth.BearerToken;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingHttpClients;

class XPublisherTest {

  @RegisterExtension static final XWireMock x = new XWireMock();

  private static final String CUSTOMER = "2244994945";
  private static final String CUSTOMERS_POST = "1853417625431234567";
  private static final String NEW_POST = "1853417699999999999";

  private final SettableClock clock = new SettableClock(NOW);

  @Test
  void publishesAPublicReplyInTheThread() {
    x.server()
        .stubFor(
            postTweet()
                .withHeader("Authorization", equalTo("Bearer user-token"))
                .withRequestBody(
                    equalToJson(
                        "{\"text\":\"Hi Nadia, we're on it.\",\"reply\":{\"in_reply_to_tweet_id\":\""
                            + CUSTOMERS_POST
                            + "\"}}"))
                .willReturn(
                    created(
                        "{\"data\":{\"id\":\""
                            + NEW_POST
                            + "\",\"text\":\"Hi Nadia, we're on it.\"}}")));

    PublishOutcome outcome =
        publisher(config()).publish(reply(Visibility.PUBLIC, "Hi Nadia, we're on it."));

    assertThat(outcome)
        .isEqualTo(
            new PublishOutcome.Published(
                NEW_POST, URI.create("https://x.com/ShopKite/status/" + NEW_POST), NOW));
  }

  @Test
  void linksTheHandleLessFormWhenTheBrandsHandleIsNotConfigured() {
    x.server().stubFor(postTweet().willReturn(createdPost("ok")));
    XConfig config = userTokenOnly(x.baseUrl(), null);

    PublishOutcome outcome = publisher(config).publish(reply(Visibility.PUBLIC, "ok"));

    assertThat(((PublishOutcome.Published) outcome).url())
        .isEqualTo(URI.create("https://x.com/i/web/status/" + NEW_POST));
  }

  @Test
  void sendsAPrivateReplyAsADirectMessageToTheCustomer() {
    x.server()
        .stubFor(
            post(urlPathEqualTo("/2/dm_conversations/with/" + CUSTOMER + "/messages"))
                .withRequestBody(equalToJson("{\"text\":\"Your tracking number is in this DM.\"}"))
                .willReturn(
                    created(
                        "{\"data\":{\"dm_conversation_id\":\""
                            + CUSTOMER
                            + "-"
                            + BRAND_ID
                            + "\",\"dm_event_id\":\"1853418000000000001\"}}")));

    PublishOutcome outcome =
        publisher(config())
            .publish(reply(Visibility.PRIVATE, "Your tracking number is in this DM."));

    assertThat(outcome).isEqualTo(new PublishOutcome.Published("1853418000000000001", null, NOW));
  }

  @Test
  void rejectsADuplicateWithXsReason() {
    x.server()
        .stubFor(
            postTweet()
                .withMetadata(aboutBlankBody(403))
                .willReturn(
                    problem(
                        403,
                        "{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\","
                            + "\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}")));

    PublishOutcome outcome = publisher(config()).publish(reply(Visibility.PUBLIC, "Thanks!"));

    assertThat(outcome)
        .isEqualTo(
            new PublishOutcome.Rejected(
                "x: POST /2/tweets answered 403 Forbidden: You are not allowed to create a Tweet with duplicate content."));
  }

  @Test
  void rejectsAnInvalidReplyWithTheProblemsDetail() {
    x.server()
        .stubFor(
            postTweet()
                .willReturn(
                    problem(
                        400,
                        "{\"type\":\"https://api.x.com/2/problems/invalid-request\",\"title\":\"Invalid Request\","
                            + "\"detail\":\"One or more parameters to your request was invalid.\",\"status\":400}")));

    PublishOutcome outcome = publisher(config()).publish(reply(Visibility.PUBLIC, "Hello"));

    assertThat(outcome).isInstanceOf(PublishOutcome.Rejected.class);
    assertThat(((PublishOutcome.Rejected) outcome).reason())
        .contains("400 Invalid Request: One or more parameters");
  }

  @Test
  void retriesAtXsResetAfter429AndSendsNothingBeforeIt() {
    x.server()
        .stubFor(
            postTweet()
                .withMetadata(aboutBlankBody(429))
                .willReturn(XStubs.tooManyRequests(NOW.plusSeconds(600))));
    XPublisher publisher = publisher(config());

    PublishOutcome first = publisher.publish(reply(Visibility.PUBLIC, "one"));
    clock.advance(Duration.ofSeconds(100));
    PublishOutcome second = publisher.publish(reply(Visibility.PUBLIC, "two"));

    assertThat(((PublishOutcome.RetryLater) first).after()).isEqualTo(Duration.ofSeconds(600));
    assertThat(((PublishOutcome.RetryLater) second).after()).isEqualTo(Duration.ofSeconds(500));
    assertThat(x.exchanges()).hasSize(1);
  }

  @Test
  void retriesServerErrorsWithAGrowingDelay() {
    x.server().stubFor(postTweet().willReturn(XStubs.serviceUnavailable()));
    XPublisher publisher = publisher(config());
    OutgoingReply reply = reply(Visibility.PUBLIC, "Hello");

    PublishOutcome first = publisher.publish(reply);
    PublishOutcome second = publisher.publish(reply);

    assertThat(((PublishOutcome.RetryLater) first).after()).isEqualTo(Duration.ofSeconds(30));
    assertThat(((PublishOutcome.RetryLater) second).after()).isEqualTo(Duration.ofSeconds(60));
    assertThat(((PublishOutcome.RetryLater) second).reason()).contains("503 Service Unavailable");
  }

  @Test
  void retriesWhenXCannotBeReachedBecauseNothingWasSent() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    PublishOutcome outcome =
        publisher(XStubs.config(URI.create("http://127.0.0.1:" + closedPort)))
            .publish(reply(Visibility.PUBLIC, "Hello"));

    assertThat(outcome).isInstanceOf(PublishOutcome.RetryLater.class);
    assertThat(((PublishOutcome.RetryLater) outcome).reason()).contains("nothing was sent");
  }

  @Test
  void throwsWhenNoAnswerCameAfterSendingSoTheHostMarksTheOutcomeUnknown() {
    x.server().stubFor(postTweet().willReturn(createdPost("Hello").withFixedDelay(1500)));
    XConfig config = config();
    XApi api = api(config, Duration.ofMillis(300));

    assertThatThrownBy(
            () -> new XPublisher(api, config, clock).publish(reply(Visibility.PUBLIC, "Hello")))
        .isInstanceOf(XOutcomeUnknownException.class)
        .hasMessageContaining("may or may not be published");
  }

  @Test
  void waitsForTheOperatorWhenXRefusesTheToken() {
    x.server().stubFor(unauthorized(postTweet()));

    PublishOutcome outcome = publisher(config()).publish(reply(Visibility.PUBLIC, "Hello"));

    assertThat(outcome).isInstanceOf(PublishOutcome.RetryLater.class);
    assertThat(((PublishOutcome.RetryLater) outcome).after()).isEqualTo(Duration.ofMinutes(5));
    assertThat(((PublishOutcome.RetryLater) outcome).reason())
        .contains("token is invalid or expired");
  }

  @Test
  void keepsUnderThePostingBudget() {
    x.server().stubFor(postTweet().willReturn(createdPost("Hello")));
    XPublisher publisher =
        publisher(XStubs.config(x.baseUrl(), "post", new XConfig.Pacing(null, null, 1, null)));

    publisher.publish(reply(Visibility.PUBLIC, "one"));
    PublishOutcome second = publisher.publish(reply(Visibility.PUBLIC, "two"));

    assertThat(((PublishOutcome.RetryLater) second).after()).isEqualTo(Duration.ofMinutes(15));
    x.server().verify(1, postRequestedFor(urlPathEqualTo("/2/tweets")));
  }

  @Test
  void refusesAReplyToAnotherNetworksPostWithoutCallingX() {
    OutgoingReply reply =
        new OutgoingReply(
            "k1",
            new PostKey("sandbox", "p1"),
            "p1",
            Author.of("sandbox", "nadia", "nadia"),
            Visibility.PUBLIC,
            "Hello");

    PublishOutcome outcome = publisher(config()).publish(reply);

    assertThat(outcome).isInstanceOf(PublishOutcome.Rejected.class);
    assertThat(x.exchanges()).isEmpty();
  }

  @Test
  void anExpiredUserTokenIsRenewedOnceAndTheReplyPublishedWithTheNewOne() {
    WireMockServer oauth = tokenEndpointRenewingTo("renewed");
    try {
      x.server()
          .stubFor(
              unauthorized(postTweet().withHeader("Authorization", equalTo("Bearer user-token"))));
      x.server()
          .stubFor(
              postTweet()
                  .withHeader("Authorization", equalTo("Bearer renewed"))
                  .willReturn(createdPost("Hello")));

      PublishOutcome outcome =
          publisher(config(), refreshingToken(oauth)).publish(reply(Visibility.PUBLIC, "Hello"));

      assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
      x.server().verify(2, postRequestedFor(urlPathEqualTo("/2/tweets")));
      oauth.verify(1, postRequestedFor(urlPathEqualTo("/2/oauth2/token")));
    } finally {
      oauth.stop();
    }
  }

  @Test
  void aTokenRefusedAgainAfterRenewalMakesTheReplyWaitWithoutAThirdTry() {
    WireMockServer oauth = tokenEndpointRenewingTo("renewed");
    try {
      x.server().stubFor(unauthorized(postTweet()));

      PublishOutcome outcome =
          publisher(config(), refreshingToken(oauth)).publish(reply(Visibility.PUBLIC, "Hello"));

      assertThat(outcome).isInstanceOf(PublishOutcome.RetryLater.class);
      x.server().verify(2, postRequestedFor(urlPathEqualTo("/2/tweets")));
      oauth.verify(1, postRequestedFor(urlPathEqualTo("/2/oauth2/token")));
    } finally {
      oauth.stop();
    }
  }

  private BearerToken refreshingToken(WireMockServer oauth) {
    URI tokenUrl = URI.create("http://127.0.0.1:" + oauth.port() + "/2/oauth2/token");
    XConfig.OAuth2 client =
        new XConfig.OAuth2("client", Secret.of("secret"), Secret.of("refresh-0"), tokenUrl);
    DataSource database = TestingDatabase.shared(ChannelChangelog.RESOURCE, "x_oauth_token");
    XConfig config = userTokenOnly(null, client);
    return XChannel.refreshingToken(
        config, database, TestingHttpClients.newClient(), Duration.ofSeconds(5), clock);
  }

  /** The brand's id and user token, nothing else: no handle, no app bearer, defaults. */
  private static XConfig userTokenOnly(URI baseUrl, XConfig.OAuth2 oauth2) {
    return new XConfig(
        true,
        baseUrl,
        BRAND_ID,
        null,
        null,
        XStubs.USER_TOKEN,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        oauth2);
  }

  private XPublisher publisher(XConfig config, BearerToken userToken) {
    return new XPublisher(api(config, Duration.ofSeconds(5)), userToken, config, clock);
  }

  /** X's token endpoint, started, renewing any refresh token to {@code accessToken}. */
  private static WireMockServer tokenEndpointRenewingTo(String accessToken) {
    WireMockServer oauth =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    oauth.start();
    oauth.stubFor(
        post(urlPathEqualTo("/2/oauth2/token"))
            .willReturn(XRefreshingTokenTest.tokens(accessToken, "refresh-1", 7200)));
    return oauth;
  }

  private static MappingBuilder postTweet() {
    return post(urlPathEqualTo("/2/tweets"));
  }

  /** {@code stub} answering X's real 401 for a refused token. */
  private static MappingBuilder unauthorized(MappingBuilder stub) {
    return stub.withMetadata(aboutBlankBody(401))
        .willReturn(
            problem(
                401,
                "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}"));
  }

  /** Marks a stub answering X's real error body, which X's OpenAPI does not describe. */
  private static Metadata aboutBlankBody(int status) {
    return Metadata.metadata()
        .attr(
            XSpec.DEVIATION,
            "X's real " + status + " body (type about:blank) is not in its OpenAPI")
        .build();
  }

  private static ResponseDefinitionBuilder createdPost(String text) {
    return created("{\"data\":{\"id\":\"" + NEW_POST + "\",\"text\":\"" + text + "\"}}");
  }

  private static ResponseDefinitionBuilder created(String body) {
    return aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("x-rate-limit-limit", "100")
        .withHeader("x-rate-limit-remaining", "99")
        .withHeader("x-rate-limit-reset", String.valueOf(NOW.plusSeconds(900).getEpochSecond()))
        .withBody(body);
  }

  private static ResponseDefinitionBuilder problem(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/problem+json")
        .withBody(body);
  }

  private static OutgoingReply reply(Visibility visibility, String text) {
    return new OutgoingReply(
        "ticket-7-tx-31-part-1",
        new PostKey("x", CUSTOMERS_POST),
        CUSTOMERS_POST,
        new Author("x", CUSTOMER, "nadia_k", "Nadia K.", 1200, false, 3, null),
        visibility,
        text);
  }

  private XConfig config() {
    return XStubs.config(x.baseUrl());
  }

  private XPublisher publisher(XConfig config) {
    return new XPublisher(api(config, Duration.ofSeconds(5)), config, clock);
  }

  private XApi api(XConfig config, Duration timeout) {
    return new XApi(
        TestingHttpClients.newClient(),
        config.baseUrl(),
        timeout,
        new XPacer(clock, config.pacing()));
  }
}
