package org.socialdesk.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socialdesk.host.e2e.XEmulator.BRAND_ID;

import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.channel.x.XSpec;
import org.socialdesk.channel.x.XStubs;

/**
 * The X channel end to end, in its default poll mode: the real distribution polls an emulated X
 * (WireMock, judged against X's OpenAPI after every test), files tickets in the real RT, and
 * publishes what agents answer there. One Socialdesk for the class, polling every 500 ms. RT is
 * shared with other runs, so every id is new and nothing is reset.
 */
class XChannelIT {

  private static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir static Path work;
  private static TestRt rt;
  private static XEmulator x;
  private static SocialdeskProcess socialdesk;

  @BeforeAll
  static void start() throws Exception {
    rt = TestRt.fromEnvironment();
    x = new XEmulator();
    socialdesk =
        SocialdeskProcess.configure(
            work,
            rt,
            """
        social-channel:
          x:
            enabled: true
            base-url: %s
            brand-user-id: "%s"
            brand-username: %s
            user-access-token: %s
            poll-interval: 500ms
            dm-poll-interval: 500ms
            pacing: {mentions: 100000, dm-reads: 100000, posts: 100000, dm-sends: 100000}
        """
                .formatted(x.baseUrl(), BRAND_ID, XEmulator.BRAND_HANDLE, XEmulator.USER_TOKEN));
    assertThat(socialdesk.command("rt", "provision").exitCode()).isZero();
    socialdesk.start();
  }

  @AfterEach
  void judgeEveryExchange() {
    x.assertExchangesConformToTheSpec();
  }

  @AfterAll
  static void stop() throws Exception {
    if (socialdesk != null) {
      socialdesk.stop();
    }
    if (x != null) {
      x.close();
    }
  }

  @Test
  void aPolledMentionBecomesATicketWithItsFields() throws Exception {
    Map<String, Object> nadia = XEmulator.user(x.newId(), "nadia_k", "Nadia K.", 1234);
    String id = x.newId();
    x.mention(
        x.post(id, nadia, "@ShopKite my parcel has been stuck in Leipzig for a week", id, null),
        nadia);

    String ticket = ticketOf(id);

    assertThat(rt.fieldValues(ticket, "Channel")).containsExactly("x");
    assertThat(rt.fieldValues(ticket, "SocialPostId")).containsExactly("x:" + id);
    assertThat(rt.fieldValues(ticket, "SocialPostURL"))
        .containsExactly("https://x.com/nadia_k/status/" + id);
    assertThat(rt.fieldValues(ticket, "SocialAuthor")).containsExactly("@nadia_k");
    assertThat(rt.fieldValues(ticket, "Followers")).containsExactly("1234");
    assertThat(rt.transactionTexts(ticket, "Create"))
        .anySatisfy(text -> assertThat(text).contains("stuck in Leipzig"));
    assertThat(
            x.server()
                .findAll(
                    com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                            urlPathEqualTo("/2/users/" + BRAND_ID + "/mentions"))
                        .withHeader("Authorization", equalTo("Bearer " + XEmulator.USER_TOKEN))))
        .isNotEmpty();
  }

  @Test
  void aReplyInTheSameConversationLandsInTheSameTicket() throws Exception {
    Map<String, Object> omar = XEmulator.user(x.newId(), "omar_b", "Omar B.", 80);
    String root = x.newId();
    x.mention(x.post(root, omar, "@ShopKite the app logs me out every time", root, null), omar);
    String ticket = ticketOf(root);

    String reply = x.newId();
    x.mention(x.post(reply, omar, "@ShopKite still happening after the update", root, root), omar);

    assertThat(awaitValue(ticket, "SocialPostId", "x:" + reply)).isTrue();
    assertThat(rt.ticketsWithPost("x:" + reply)).containsExactly(ticket);
    assertThat(
            eventually(
                () ->
                    rt.transactionTexts(ticket, "Correspond").stream()
                        .anyMatch(t -> t.contains("still happening"))))
        .isTrue();
  }

  @Test
  void theBrandsOwnPostsAreNotIngested() throws Exception {
    Map<String, Object> brand =
        XEmulator.user(BRAND_ID, XEmulator.BRAND_HANDLE, "ShopKite", 50_000);
    String own = x.newId();
    x.mention(
        x.post(own, brand, "Thanks @ShopKite team for a great launch day!", own, null), brand);
    Map<String, Object> lea = XEmulator.user(x.newId(), "lea_m", "Lea M.", 10);
    String customers = x.newId();
    x.mention(x.post(customers, lea, "@ShopKite is the sale still on?", customers, null), lea);

    ticketOf(customers);

    assertThat(rt.ticketsWithPost("x:" + own)).isEmpty();
  }

  @Test
  void anAgentsReplyIsPublishedInTheThreadAndItsUrlWrittenBack() throws Exception {
    String post = newMention("sara_t", "@ShopKite where do I change my delivery address?");
    String ticket = ticketOf(post);
    String published = x.newId();
    x.server()
        .stubFor(
            post(urlPathEqualTo("/2/tweets"))
                .withHeader("Authorization", equalTo("Bearer " + XEmulator.USER_TOKEN))
                .withRequestBody(
                    equalToJson(
                        "{\"text\": \"Under Account, then Addresses.\", \"reply\": {\"in_reply_to_tweet_id\": \""
                            + post
                            + "\"}}"))
                .willReturn(
                    XEmulator.created(
                        Map.of(
                            "data",
                            Map.of("id", published, "text", "Under Account, then Addresses.")))));

    rt.correspondAsAgent(ticket, "Under Account, then Addresses.");

    assertThat(awaitValue(ticket, "ReplyStatus", "published")).as(socialdesk.log()).isTrue();
    assertThat(rt.transactionTexts(ticket, "Comment"))
        .anySatisfy(
            text -> assertThat(text).contains("https://x.com/ShopKite/status/" + published));
    x.server().verify(1, postRequestedFor(urlPathEqualTo("/2/tweets")));
  }

  @Test
  void aDirectMessageBecomesAPrivateTicketAndTheReplyGoesOutAsADirectMessage() throws Exception {
    Map<String, Object> tom = XEmulator.user(x.newId(), "tom_r", "Tom R.", 42);
    String message = x.directMessage(tom, "My order number is SK-884120, can you check it?");
    String ticket = ticketOf(message);
    assertThat(rt.ticket(ticket).path("Subject").asText()).contains("DM");
    assertThat(rt.fieldValues(ticket, "SocialPostURL")).isEmpty();
    String path = "/2/dm_conversations/with/" + tom.get("id") + "/messages";
    x.server()
        .stubFor(
            post(urlPathEqualTo(path))
                .withRequestBody(equalToJson("{\"text\": \"It ships tomorrow.\"}"))
                .willReturn(
                    XEmulator.created(
                        Map.of(
                            "data",
                            Map.of(
                                "dm_conversation_id",
                                tom.get("id") + "-" + BRAND_ID,
                                "dm_event_id",
                                x.newId())))));

    rt.correspondAsAgent(ticket, "It ships tomorrow.");

    assertThat(awaitValue(ticket, "ReplyStatus", "published")).as(socialdesk.log()).isTrue();
    x.server().verify(1, postRequestedFor(urlPathEqualTo(path)));
    x.server().verify(0, postRequestedFor(urlPathEqualTo("/2/tweets")));
  }

  @Test
  void aRateLimitedPollWaitsForTheResetAndLosesNothing() throws Exception {
    Instant reset = Instant.now().plusSeconds(3);
    x.server()
        .stubFor(
            get(urlPathEqualTo("/2/users/" + BRAND_ID + "/mentions"))
                .atPriority(1)
                .inScenario("mentions-429")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("reset")
                .withMetadata(
                    Metadata.metadata()
                        .attr(XSpec.DEVIATION, "X's real 429 body is not in its OpenAPI"))
                .willReturn(XStubs.tooManyRequests(reset)));
    String post = newMention("ines_p", "@ShopKite my voucher code is not accepted");

    String ticket = ticketOf(post);

    List<ServeEvent> polls =
        x.exchanges().stream().filter(e -> e.getRequest().getUrl().contains("/mentions")).toList();
    int limited = polls.stream().map(e -> e.getResponse().getStatus()).toList().indexOf(429);
    assertThat(limited).as("X answered one poll 429").isNotNegative();
    // x-rate-limit-reset is in whole seconds: the next poll comes at that second, not before.
    assertThat(polls.get(limited + 1).getRequest().getLoggedDate().toInstant())
        .isAfterOrEqualTo(reset.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(rt.ticketsWithPost("x:" + post)).containsExactly(ticket);
  }

  @Test
  void aRateLimitedReplyWaitsForTheResetAndIsPostedOnce() throws Exception {
    String post = newMention("yara_s", "@ShopKite can I return an opened item?");
    String ticket = ticketOf(post);
    String published = x.newId();
    x.server()
        .stubFor(
            post(urlPathEqualTo("/2/tweets"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.reply.in_reply_to_tweet_id", equalTo(post)))
                .inScenario("tweets-429")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("reset")
                .withMetadata(
                    Metadata.metadata()
                        .attr(XSpec.DEVIATION, "X's real 429 body is not in its OpenAPI"))
                .willReturn(XStubs.tooManyRequests(Instant.now().plusSeconds(3))));
    x.server()
        .stubFor(
            post(urlPathEqualTo("/2/tweets"))
                .atPriority(5)
                .withRequestBody(matchingJsonPath("$.reply.in_reply_to_tweet_id", equalTo(post)))
                .willReturn(
                    XEmulator.created(
                        Map.of("data", Map.of("id", published, "text", "Yes, within 30 days.")))));

    rt.correspondAsAgent(ticket, "Yes, within 30 days.");

    assertThat(awaitValue(ticket, "ReplyStatus", "published")).as(socialdesk.log()).isTrue();
    assertThat(statuses("/2/tweets")).containsExactly(429, 201);
  }

  @Test
  void anOutageWhilePublishingPublishesOnceWhenXIsBack() throws Exception {
    String post = newMention("kai_w", "@ShopKite is the store in Bern open today?");
    String ticket = ticketOf(post);
    String published = x.newId();
    x.server()
        .stubFor(
            post(urlPathEqualTo("/2/tweets"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.reply.in_reply_to_tweet_id", equalTo(post)))
                .inScenario("tweets-503")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("back")
                .willReturn(XStubs.serviceUnavailable()));
    x.server()
        .stubFor(
            post(urlPathEqualTo("/2/tweets"))
                .atPriority(5)
                .withRequestBody(matchingJsonPath("$.reply.in_reply_to_tweet_id", equalTo(post)))
                .willReturn(
                    XEmulator.created(
                        Map.of("data", Map.of("id", published, "text", "Yes, until 18:00.")))));

    rt.correspondAsAgent(ticket, "Yes, until 18:00.");

    // X says 503: nothing was posted, and the channel retries after 30 s.
    assertThat(awaitValue(ticket, "ReplyStatus", "published", Duration.ofSeconds(60)))
        .as(socialdesk.log())
        .isTrue();
    assertThat(statuses("/2/tweets")).containsExactly(503, 201);
  }

  @Test
  void aConnectionLostAfterSendingIsReportedAsUnknownAndNeverPostedTwice() throws Exception {
    String post = newMention("lina_o", "@ShopKite my card was charged twice");
    String ticket = ticketOf(post);
    x.server()
        .stubFor(
            post(urlPathEqualTo("/2/tweets"))
                .withRequestBody(matchingJsonPath("$.reply.in_reply_to_tweet_id", equalTo(post)))
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withFault(Fault.CONNECTION_RESET_BY_PEER)));

    rt.correspondAsAgent(ticket, "We have refunded the second charge.");

    // X has no idempotency key: the request may have been posted, so the agent is asked to check,
    // and nothing is resent.
    assertThat(awaitValue(ticket, "ReplyStatus", "unknown")).as(socialdesk.log()).isTrue();
    assertThat(rt.transactionTexts(ticket, "Comment"))
        .anySatisfy(text -> assertThat(text).contains("may or may not be live"));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> x.server().verify(1, postRequestedFor(urlPathEqualTo("/2/tweets"))));
  }

  private String newMention(String handle, String text) {
    Map<String, Object> author = XEmulator.user(x.newId(), handle, handle, 100);
    String id = x.newId();
    x.mention(x.post(id, author, text, id, null), author);
    return id;
  }

  private List<Integer> statuses(String path) {
    return x.exchanges().stream()
        .filter(e -> e.getRequest().getUrl().startsWith(path))
        .map(e -> e.getResponse().getStatus())
        .toList();
  }

  private static String ticketOf(String postId) throws Exception {
    return rt.awaitTicketWithPost("x:" + postId, WAIT, socialdesk::log);
  }

  private static boolean awaitValue(String ticket, String field, String value) throws Exception {
    return awaitValue(ticket, field, value, WAIT);
  }

  private static boolean awaitValue(String ticket, String field, String value, Duration timeout)
      throws Exception {
    return TestRt.holdsWithin(timeout, () -> rt.fieldValues(ticket, field).contains(value));
  }

  private static boolean eventually(TestRt.Check check) throws Exception {
    return TestRt.holdsWithin(WAIT, check);
  }
}
