package org.socialdesk.channel.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socialdesk.channel.youtube.YouTubeStubs.BRAND;
import static org.socialdesk.channel.youtube.YouTubeStubs.CUSTOMER;
import static org.socialdesk.channel.youtube.YouTubeStubs.NOW;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.storage.ChannelCursors;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingHttpClients;

class YouTubePublisherTest {

  @RegisterExtension static final YouTubeWireMock youtube = new YouTubeWireMock();

  private static final String COMMENTS = "/youtube/v3/comments";
  private static final Instant RESET = Instant.parse("2026-12-04T08:00:00Z");

  private final SettableClock clock = new SettableClock(NOW);
  private DataSource database;
  private YouTubeQuota quota;
  private YouTubeStatus status;

  @BeforeEach
  void freshDatabase() {
    database =
        TestingDatabase.shared(
            ChannelChangelog.RESOURCE,
            "channel_cursor",
            "youtube_quota",
            "youtube_thread",
            "youtube_oauth_token");
    youtube
        .server()
        .stubFor(post(urlPathEqualTo("/token")).willReturn(YouTubeStubs.tokens("access-1")));
  }

  private YouTubePublisher publisher(YouTubeConfig.Quota limits) {
    YouTubeConfig config =
        YouTubeStubs.config(youtube.baseUrl(), youtube.tokenUrl(), limits, false);
    quota = new YouTubeQuota(database, BRAND, config.quota(), clock);
    YouTubeApi api =
        new YouTubeApi(
            TestingHttpClients.newClient(),
            config.baseUrl(),
            Duration.ofSeconds(2),
            YouTubeChannel.refreshingToken(
                config, database, TestingHttpClients.newClient(), Duration.ofSeconds(2), clock),
            quota);
    status = new YouTubeStatus(config, quota, new ChannelCursors(database, clock));
    return new YouTubePublisher(
        config, api, new YouTubeThreads(database, BRAND, clock), status, clock);
  }

  private YouTubePublisher publisher() {
    return publisher(new YouTubeConfig.Quota(null, null));
  }

  /** The agent answers the customer's follow-up (a reply) in thread Ug-top. */
  private static OutgoingReply reply(String text) {
    return new OutgoingReply(
        "reply-7-part-1",
        new PostKey("youtube", "Ug-top.followup"),
        "Ug-top",
        Author.of("youtube", CUSTOMER, "nadia_k"),
        Visibility.PUBLIC,
        text);
  }

  private static void inserted(String id) {
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo(COMMENTS))
                .willReturn(
                    YouTubeStubs.json(
                        YouTubeStubs.comment(id, BRAND, "We are on it", NOW, "Ug-top"))));
  }

  @Test
  void publishesAsCommentsInsertWithTheThreadsTopLevelCommentAsParentAndWatchesTheThread() {
    inserted("Ug-top.agent");

    PublishOutcome outcome = publisher().publish(reply("We are on it, Nadia."));

    assertThat(outcome)
        .isEqualTo(
            new PublishOutcome.Published(
                "Ug-top.agent",
                java.net.URI.create("https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=Ug-top.agent"),
                NOW));
    youtube
        .server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo(COMMENTS))
                .withQueryParam("part", equalTo("snippet"))
                .withHeader("Authorization", equalTo("Bearer access-1"))
                .withRequestBody(
                    equalToJson(
                        "{\"snippet\":{\"parentId\":\"Ug-top\",\"textOriginal\":\"We are on it, Nadia.\"}}")));
    assertThat(new YouTubeThreads(database, BRAND, clock).watched())
        .extracting(YouTubeThreads.Watched::threadId)
        .containsExactly("Ug-top");
    assertThat(quota.state().used()).isEqualTo(YouTubeQuota.INSERT_COST);
  }

  @Test
  void quotaExceededWaitsUntilMidnightPacificAndIsShownInTheStatus() {
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo(COMMENTS))
                .withMetadata(YouTubeStubs.googleErrorBody())
                .willReturn(
                    YouTubeStubs.error(
                        403,
                        "quotaExceeded",
                        "The request cannot be completed because you have exceeded your quota.")));
    YouTubePublisher publisher = publisher();

    PublishOutcome outcome = publisher.publish(reply("Hello"));

    assertThat(outcome).isInstanceOf(PublishOutcome.RetryLater.class);
    assertThat(((PublishOutcome.RetryLater) outcome).after())
        .isEqualTo(Duration.between(NOW, RESET));
    assertThat(publisher.publish(reply("Hello"))).isInstanceOf(PublishOutcome.RetryLater.class);
    youtube.server().verify(1, postRequestedFor(urlPathEqualTo(COMMENTS)));
    assertThat(status.toJson(NOW)).containsEntry("state", "waiting for the quota's reset");
  }

  @Test
  void whenTheDaysUnitsAreSpentNothingIsSentAndTheReplyWaitsForTheReset() {
    YouTubePublisher publisher = publisher(new YouTubeConfig.Quota(100, 50));
    inserted("Ug-top.a1");
    assertThat(publisher.publish(reply("one"))).isInstanceOf(PublishOutcome.Published.class);
    assertThat(publisher.publish(reply("two"))).isInstanceOf(PublishOutcome.Published.class);

    PublishOutcome third = publisher.publish(reply("three"));

    assertThat(third)
        .isEqualTo(
            new PublishOutcome.RetryLater(
                Duration.between(NOW, RESET), ((PublishOutcome.RetryLater) third).reason()));
    youtube.server().verify(2, postRequestedFor(urlPathEqualTo(COMMENTS)));
  }

  @Test
  void aConnectionLostAfterSendingIsAnUnknownOutcomeNeverARetry() {
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo(COMMENTS))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> publisher().publish(reply("Hello")))
        .isInstanceOf(YouTubeOutcomeUnknownException.class)
        .hasMessageContaining("may or may not be published");
  }

  @Test
  void aRefusedTokenIsRenewedAndTheReplySentOnceMoreUnlessItWasIssuedAMinuteAgo() {
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo("/token"))
                .inScenario("renew")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(YouTubeStubs.tokens("access-1"))
                .willSetStateTo("renewed"));
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo("/token"))
                .inScenario("renew")
                .whenScenarioStateIs("renewed")
                .willReturn(YouTubeStubs.tokens("access-2")));
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo(COMMENTS))
                .withHeader("Authorization", equalTo("Bearer access-1"))
                .withMetadata(YouTubeStubs.googleErrorBody())
                .willReturn(YouTubeStubs.error(401, "authError", "Invalid Credentials")));
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo(COMMENTS))
                .withHeader("Authorization", equalTo("Bearer access-2"))
                .willReturn(
                    YouTubeStubs.json(
                        YouTubeStubs.comment("Ug-top.agent", BRAND, "Hello", NOW, "Ug-top"))));

    YouTubePublisher publisher = publisher();
    // A token refused the minute it was issued is not renewed again (the app's setup is wrong, not
    // the token).
    assertThat(publisher.publish(reply("Hello"))).isInstanceOf(PublishOutcome.RetryLater.class);
    clock.advance(Duration.ofMinutes(2));

    assertThat(publisher.publish(reply("Hello"))).isInstanceOf(PublishOutcome.Published.class);
    youtube
        .server()
        .verify(
            2,
            postRequestedFor(urlPathEqualTo(COMMENTS))
                .withHeader("Authorization", equalTo("Bearer access-1")));
    youtube
        .server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo(COMMENTS))
                .withHeader("Authorization", equalTo("Bearer access-2")));
  }

  @Test
  void youtubesRefusalsAreRejectedWithTheReasonAndItsFailuresRetriedLater() {
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo(COMMENTS))
                .withMetadata(YouTubeStubs.googleErrorBody())
                .willReturn(
                    YouTubeStubs.error(400, "commentTextTooLong", "The comment is too long.")));
    assertThat(publisher().publish(reply("Hello")))
        .isEqualTo(
            new PublishOutcome.Rejected(
                "youtube: comments.insert answered 400 commentTextTooLong: The comment is too long."));

    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo(COMMENTS))
                .withMetadata(YouTubeStubs.googleErrorBody())
                .willReturn(YouTubeStubs.error(503, "backendError", "Backend Error")));
    PublishOutcome failed = publisher().publish(reply("Hello"));
    assertThat(failed).isInstanceOf(PublishOutcome.RetryLater.class);
    assertThat(((PublishOutcome.RetryLater) failed).after())
        .isEqualTo(org.socialdesk.channel.publish.GrowingRetries.FIRST_RETRY);
  }

  @Test
  void aShortTermRateLimitIsRetriedSoonNotRefused() {
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo(COMMENTS))
                .withMetadata(YouTubeStubs.googleErrorBody())
                .willReturn(
                    YouTubeStubs.error(
                        403, "rateLimitExceeded", "The request was sent too fast.")));

    PublishOutcome outcome = publisher().publish(reply("Hello"));

    assertThat(outcome).isInstanceOf(PublishOutcome.RetryLater.class);
    assertThat(((PublishOutcome.RetryLater) outcome).after())
        .isEqualTo(org.socialdesk.channel.publish.GrowingRetries.FIRST_RETRY);
  }

  @Test
  void aPrivateReplyIsRefusedWithoutACallSinceYouTubeHasNoMessages() {
    OutgoingReply dm =
        new OutgoingReply(
            "k",
            new PostKey("youtube", "Ug-top"),
            "Ug-top",
            Author.of("youtube", CUSTOMER, "nadia_k"),
            Visibility.PRIVATE,
            "Hi");

    assertThat(publisher().publish(dm)).isInstanceOf(PublishOutcome.Rejected.class);
    youtube.server().verify(0, postRequestedFor(urlPathEqualTo(COMMENTS)));
  }

  @Test
  void theChannelsReplyLimitIsYouTubesTenThousandCharactersCountedInCodePoints() {
    org.socialdesk.api.channel.TextLimit limit =
        org.socialdesk.api.channel.TextLimit.codePoints(10_000, 10_000);
    YouTubeConfig config = YouTubeStubs.config(youtube.baseUrl(), youtube.tokenUrl(), null, false);
    assertThat(config.maxReplyLength()).isEqualTo(limit.maxLength(Visibility.PUBLIC));
    assertThat(limit.length("ขอบคุณ 🙏")).isEqualTo(8);
  }
}
