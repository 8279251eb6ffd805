package org.socialdesk.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socialdesk.channel.youtube.YouTubeStubs.BRAND;
import static org.socialdesk.channel.youtube.YouTubeStubs.comment;
import static org.socialdesk.channel.youtube.YouTubeStubs.json;
import static org.socialdesk.channel.youtube.YouTubeStubs.thread;
import static org.socialdesk.channel.youtube.YouTubeStubs.threadPage;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.channel.youtube.YouTubeStubs;
import org.socialdesk.channel.youtube.YouTubeWireMock;

/**
 * The YouTube channel end to end: the real distribution polls an emulated YouTube (WireMock, every
 * Data API request judged against the discovery document's OpenAPI conversion after the test),
 * files the comment thread as a ticket in the real RT, publishes the agent's Reply as a comment
 * reply under the thread's top-level comment, and takes nothing twice on the polls after. RT is
 * shared with other runs, so every comment id is new.
 */
class YouTubeChannelIT {

  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String CUSTOMER = "UCe2ecustomer" + "0".repeat(11);

  @RegisterExtension static final YouTubeWireMock youtube = new YouTubeWireMock();
  @TempDir static Path work;
  private static TestRt rt;
  private static SocialdeskProcess socialdesk;

  @BeforeAll
  static void start() throws Exception {
    rt = TestRt.fromEnvironment();
    // Socialdesk polls from its start: an empty channel until the test has comments.
    youtube
        .server()
        .stubFor(post(urlPathEqualTo("/token")).willReturn(YouTubeStubs.tokens("e2e-access")));
    threads(List.of());
    socialdesk =
        SocialdeskProcess.configure(
            work,
            rt,
            """
        social-channel:
          youtube:
            enabled: true
            base-url: %s
            channel-id: %s
            poll-interval: 500ms
            oauth2:
              client-id: e2e.apps.googleusercontent.com
              client-secret: e2e-client-secret
              refresh-token: 1//e2e-refresh-token
              token-url: %s
            quota:
              daily-units: 100000000
        """
                .formatted(youtube.baseUrl(), BRAND, youtube.tokenUrl()));
    assertThat(socialdesk.command("rt", "provision").exitCode()).isZero();
    socialdesk.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (socialdesk != null) {
      socialdesk.stop();
    }
  }

  @Test
  void aCommentBecomesATicketTheAgentsReplyIsInsertedUnderItAndLaterPollsDoubleNothing()
      throws Exception {
    String top = "Ug" + UUID.randomUUID().toString().replace("-", "");
    Instant posted = Instant.now().minusSeconds(30);
    Map<String, Object> question =
        comment(top, CUSTOMER, "Does the X200 charger work with 110 V?", posted, null);
    threads(List.of(thread(question, 0, List.of())));

    String ticket = rt.awaitTicketWithPost("youtube:" + top, WAIT, socialdesk::log);

    assertThat(rt.fieldValues(ticket, "Channel")).containsExactly("youtube");
    assertThat(rt.fieldValues(ticket, "SocialPostURL"))
        .containsExactly("https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=" + top);
    assertThat(rt.transactionTexts(ticket, "Create"))
        .anySatisfy(text -> assertThat(text).contains("110 V"));

    String published = top + ".brand";
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo("/youtube/v3/comments"))
                .withHeader("Authorization", equalTo("Bearer e2e-access"))
                .withRequestBody(matchingJsonPath("$.snippet.parentId", equalTo(top)))
                .willReturn(
                    json(comment(published, BRAND, "Yes, 100 to 240 V.", Instant.now(), top))));
    rt.correspondAsAgent(ticket, "Yes, 100 to 240 V.");

    assertThat(
            TestRt.holdsWithin(
                WAIT, () -> rt.fieldValues(ticket, "ReplyStatus").contains("published")))
        .as(socialdesk.log())
        .isTrue();
    youtube
        .server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/youtube/v3/comments"))
                .withRequestBody(
                    matchingJsonPath("$.snippet.textOriginal", equalTo("Yes, 100 to 240 V."))));

    // YouTube now lists the brand's reply in the thread, and the customer answers it.
    String answer = top + ".answer";
    threads(
        List.of(
            thread(
                question,
                2,
                List.of(
                    comment(answer, CUSTOMER, "Great, ordering now", Instant.now(), top),
                    comment(
                        published,
                        BRAND,
                        "Yes, 100 to 240 V.",
                        Instant.now().minusSeconds(1),
                        top)))));

    assertThat(
            TestRt.holdsWithin(
                WAIT, () -> rt.fieldValues(ticket, "SocialPostId").contains("youtube:" + answer)))
        .as(socialdesk.log())
        .isTrue();
    int pollsBefore =
        youtube
            .server()
            .findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/commentThreads")))
            .size();
    await("later polls")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                rt.ticketsWithPost("youtube:" + top).equals(List.of(ticket))
                    && rt.ticketsWithPost("youtube:" + answer).equals(List.of(ticket))
                    && rt.ticketsWithPost("youtube:" + published).isEmpty());
    assertThat(
            youtube
                .server()
                .findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/commentThreads")))
                .size())
        .as("it kept polling")
        .isGreaterThan(pollsBefore);
    youtube.server().verify(1, postRequestedFor(urlPathEqualTo("/youtube/v3/comments")));

    // The admin sees the channel's state and quota; nobody else does.
    HttpResponse<String> status = socialdesk.get("/api/channels/youtube/status");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body())
        .contains(
            "\"state\":\"running\"",
            "\"lastPollResult\":\"ok\"",
            "\"dailyUnits\":100000000",
            "\"resetAt\"")
        .doesNotContain("e2e-access", "e2e-refresh-token");
    HttpResponse<String> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(socialdesk.url("/api/channels/youtube/status")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  private static void threads(List<Map<String, Object>> threads) {
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo("/youtube/v3/commentThreads"))
                .withQueryParam("moderationStatus", absent())
                .willReturn(json(threadPage(threads, null))));
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo("/youtube/v3/comments"))
                .willReturn(json(YouTubeStubs.commentPage(List.of(), null))));
  }
}
