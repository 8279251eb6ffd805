package org.socialdesk.channel.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.youtube.YouTubeStubs.BRAND;
import static org.socialdesk.channel.youtube.YouTubeStubs.CUSTOMER;
import static org.socialdesk.channel.youtube.YouTubeStubs.NOW;
import static org.socialdesk.channel.youtube.YouTubeStubs.comment;
import static org.socialdesk.channel.youtube.YouTubeStubs.commentPage;
import static org.socialdesk.channel.youtube.YouTubeStubs.json;
import static org.socialdesk.channel.youtube.YouTubeStubs.thread;
import static org.socialdesk.channel.youtube.YouTubeStubs.threadPage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.storage.ChannelCursors;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingHttpClients;

class YouTubePollerTest {

  @RegisterExtension static final YouTubeWireMock youtube = new YouTubeWireMock();

  private static final String THREADS = "/youtube/v3/commentThreads";
  private static final String COMMENTS = "/youtube/v3/comments";

  private final SettableClock clock = new SettableClock(NOW);
  private final RecordingIngest ingest = new RecordingIngest();
  private DataSource database;

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

  /** A poller as the channel builds it, on the shared database: a new one is a restart. */
  private YouTubePoller poller(boolean moderation) {
    return poller(moderation, new YouTubeConfig.Quota(null, null));
  }

  private YouTubePoller poller(boolean moderation, YouTubeConfig.Quota limits) {
    YouTubeConfig config =
        YouTubeStubs.config(youtube.baseUrl(), youtube.tokenUrl(), limits, moderation);
    YouTubeQuota quota = new YouTubeQuota(database, BRAND, config.quota(), clock);
    YouTubeApi api =
        new YouTubeApi(
            TestingHttpClients.newClient(),
            config.baseUrl(),
            Duration.ofSeconds(5),
            YouTubeChannel.refreshingToken(
                config, database, TestingHttpClients.newClient(), Duration.ofSeconds(5), clock),
            quota);
    ChannelCursors cursors = new ChannelCursors(database, clock);
    return new YouTubePoller(
        config,
        api,
        quota,
        cursors,
        new YouTubeThreads(database, BRAND, clock),
        new YouTubeModerator(config, api),
        ingest,
        status = new YouTubeStatus(config, quota, cursors),
        clock);
  }

  private YouTubeStatus status;

  private static Instant minutesAgo(int minutes) {
    return NOW.minus(Duration.ofMinutes(minutes));
  }

  private static void threads(Object page) {
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo(THREADS))
                .withQueryParam("moderationStatus", absent())
                .willReturn(json(page)));
  }

  private List<SocialPost> storedPosts() {
    return ingest.stored().stream().map(event -> ((InboundEvent.NewPost) event).post()).toList();
  }

  @Test
  void
      aFirstPollTakesTheCommentsSinceTheBackfillOldestFirstOneConversationPerThreadAndNeverTheBrandsOwn()
          throws Exception {
    Map<String, Object> question =
        comment("Ug-question", CUSTOMER, "Does the X200 ship to Chiang Mai?", minutesAgo(10), null);
    Map<String, Object> brandReply =
        comment("Ug-question.brand", BRAND, "Yes, in 3 days.", minutesAgo(5), "Ug-question");
    Map<String, Object> followUp =
        comment("Ug-question.followup", CUSTOMER, "Great, thanks!", minutesAgo(2), "Ug-question");
    Map<String, Object> complaint =
        comment("Ug-complaint", CUSTOMER, "Mine arrived broken", minutesAgo(20), null);
    Map<String, Object> old = comment("Ug-old", CUSTOMER, "Nice video", minutesAgo(120), null);
    threads(
        threadPage(
            List.of(
                thread(question, 2, List.of(followUp, brandReply)),
                thread(complaint, 0, List.of()),
                thread(old, 0, List.of())),
            "page-2"));

    assertThat(poller(false).pollOnce()).isEqualTo(YouTubePoller.Result.COMPLETED);

    assertThat(ingest.storedPostIds())
        .containsExactly("Ug-complaint", "Ug-question", "Ug-question.followup");
    SocialPost reply = storedPosts().get(2);
    assertThat(reply.conversationId()).isEqualTo("Ug-question");
    assertThat(reply.inReplyToId()).isEqualTo("Ug-question");
    assertThat(reply.author().accountId()).isEqualTo(CUSTOMER);
    assertThat(reply.author().handle()).isEqualTo("nadia_k");
    assertThat(reply.url())
        .hasToString("https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=Ug-question.followup");
    assertThat(storedPosts().get(1).inReplyToId()).isNull();
    youtube
        .server()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo(THREADS))
                .withQueryParam("allThreadsRelatedToChannelId", equalTo(BRAND))
                .withQueryParam("order", equalTo("time"))
                .withHeader("Authorization", equalTo("Bearer access-1")));
    // The walk reached the backfill horizon on page 1: page 2 is never asked for.
    youtube
        .server()
        .verify(
            0,
            getRequestedFor(urlPathEqualTo(THREADS))
                .withQueryParam("pageToken", equalTo("page-2")));
  }

  @Test
  void aSecondPollAfterARestartStopsAtTheCursorAndDoublesNothing() throws Exception {
    Map<String, Object> first = comment("Ug-first", CUSTOMER, "First", minutesAgo(10), null);
    threads(threadPage(List.of(thread(first, 0, List.of())), null));
    poller(false).pollOnce();
    clock.advance(Duration.ofMinutes(5));
    Map<String, Object> second =
        comment("Ug-second", CUSTOMER, "Second", NOW.plus(Duration.ofMinutes(3)), null);
    threads(threadPage(List.of(thread(second, 0, List.of()), thread(first, 0, List.of())), "more"));
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo(THREADS))
                .withQueryParam("pageToken", equalTo("more"))
                .willReturn(
                    json(
                        threadPage(
                            List.of(
                                thread(
                                    comment("Ug-older", CUSTOMER, "Older", minutesAgo(60), null),
                                    0,
                                    List.of())),
                            null))));

    assertThat(poller(false).pollOnce()).isEqualTo(YouTubePoller.Result.COMPLETED);
    assertThat(poller(false).pollOnce()).isEqualTo(YouTubePoller.Result.COMPLETED);

    assertThat(ingest.storedPostIds()).containsExactly("Ug-first", "Ug-second");
    assertThat(new ChannelCursors(database, clock).read(YouTubePoller.cursorKey(BRAND)))
        .contains(NOW.plus(Duration.ofMinutes(3)).toString());
  }

  @Test
  void aThreadWithMoreRepliesThanIncludedHasThemReadWithParentId() throws Exception {
    Map<String, Object> top = comment("Ug-top", CUSTOMER, "Question", minutesAgo(30), null);
    Map<String, Object> r1 = comment("Ug-top.r1", CUSTOMER, "Reply 1", minutesAgo(20), "Ug-top");
    Map<String, Object> r2 =
        comment("Ug-top.r2", "UCothercustomer000000002", "Reply 2", minutesAgo(15), "Ug-top");
    Map<String, Object> r3 = comment("Ug-top.r3", CUSTOMER, "Reply 3", minutesAgo(5), "Ug-top");
    threads(threadPage(List.of(thread(top, 3, List.of(r3))), null));
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo(COMMENTS))
                .withQueryParam("parentId", equalTo("Ug-top"))
                .withQueryParam("pageToken", absent())
                .willReturn(json(commentPage(List.of(r3, r2), "replies-2"))));
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo(COMMENTS))
                .withQueryParam("parentId", equalTo("Ug-top"))
                .withQueryParam("pageToken", equalTo("replies-2"))
                .willReturn(json(commentPage(List.of(r1), null))));

    poller(false).pollOnce();

    assertThat(ingest.storedPostIds())
        .containsExactly("Ug-top", "Ug-top.r1", "Ug-top.r2", "Ug-top.r3");
    assertThat(storedPosts())
        .allSatisfy(post -> assertThat(post.conversationId()).isEqualTo("Ug-top"));
  }

  @Test
  void aCustomersAnswerInAnOlderThreadTheBrandRepliedToJoinsItsConversation() throws Exception {
    Map<String, Object> top = comment("Ug-old", CUSTOMER, "Question", minutesAgo(50), null);
    Map<String, Object> brand = comment("Ug-old.brand", BRAND, "Answer", minutesAgo(40), "Ug-old");
    threads(threadPage(List.of(thread(top, 1, List.of(brand))), null));
    poller(false).pollOnce();
    clock.advance(Duration.ofHours(2));
    // Threads are listed by their first comment: the old thread is below the cursor now.
    Map<String, Object> fresh =
        comment("Ug-fresh", CUSTOMER, "Hello", NOW.plus(Duration.ofMinutes(90)), null);
    threads(threadPage(List.of(thread(fresh, 0, List.of()), thread(top, 2, List.of(brand))), null));
    Map<String, Object> answer =
        comment(
            "Ug-old.answer",
            CUSTOMER,
            "It still does not work",
            NOW.plus(Duration.ofMinutes(100)),
            "Ug-old");
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo(COMMENTS))
                .withQueryParam("parentId", equalTo("Ug-old"))
                .willReturn(json(commentPage(List.of(answer, brand), null))));

    poller(false).pollOnce();

    assertThat(ingest.storedPostIds()).containsExactly("Ug-old", "Ug-fresh", "Ug-old.answer");
    assertThat(storedPosts().get(2).conversationId()).isEqualTo("Ug-old");
  }

  @Test
  void quotaExceededStoresWhatWasReadKeepsTheCursorAndWaitsUntilMidnightPacific() throws Exception {
    Map<String, Object> newer = comment("Ug-newer", CUSTOMER, "Newer", minutesAgo(5), null);
    Map<String, Object> older = comment("Ug-older", CUSTOMER, "Older", minutesAgo(30), null);
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo(THREADS))
                .withQueryParam("pageToken", absent())
                .willReturn(json(threadPage(List.of(thread(newer, 0, List.of())), "page-2"))));
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo(THREADS))
                .withQueryParam("pageToken", equalTo("page-2"))
                .withMetadata(YouTubeStubs.googleErrorBody())
                .willReturn(
                    YouTubeStubs.error(
                        403,
                        "quotaExceeded",
                        "The request cannot be completed because you have exceeded your quota.")));
    YouTubePoller poller = poller(false);

    assertThat(poller.pollOnce()).isEqualTo(YouTubePoller.Result.QUOTA_WAIT);

    assertThat(ingest.storedPostIds()).containsExactly("Ug-newer");
    assertThat(new ChannelCursors(database, clock).read(YouTubePoller.cursorKey(BRAND)))
        .as("not past the comments still unread: the first poll's backfill horizon")
        .contains(NOW.minus(Duration.ofHours(1)).toString());
    Instant reset = Instant.parse("2026-12-04T08:00:00Z");
    assertThat(status.nextPollAt()).isEqualTo(reset);
    assertThat(status.toJson(clock.instant()))
        .containsEntry("state", "waiting for the quota's reset");
    clock.set(reset.minusSeconds(1));
    poller.pollWhenDue();
    youtube.server().verify(2, getRequestedFor(urlPathEqualTo(THREADS)));

    clock.set(reset);
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo(THREADS))
                .withQueryParam("pageToken", equalTo("page-2"))
                .willReturn(json(threadPage(List.of(thread(older, 0, List.of())), null))));
    poller.pollWhenDue();

    assertThat(ingest.storedPostIds()).containsExactly("Ug-newer", "Ug-older");
  }

  @Test
  void whenTheHostCannotStoreTheCursorStaysAndTheNextPollTakesThemAll() throws Exception {
    threads(
        threadPage(
            List.of(thread(comment("Ug-a", CUSTOMER, "A", minutesAgo(5), null), 0, List.of())),
            null));
    ingest.failWith("database down");

    poller(false).pollOnce();
    assertThat(new ChannelCursors(database, clock).read(YouTubePoller.cursorKey(BRAND))).isEmpty();
    ingest.recover();
    poller(false).pollOnce();

    assertThat(ingest.storedPostIds()).containsExactly("Ug-a");
  }

  @Test
  void likelySpamIsTakenInWithANoteThenHeldForReviewAndNeverDeleted() throws Exception {
    threads(threadPage(List.of(), null));
    Map<String, Object> spam =
        comment("Ug-spam", CUSTOMER, "Free crypto at scam.example", minutesAgo(3), null);
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo(THREADS))
                .withQueryParam("moderationStatus", equalTo("likelySpam"))
                .willReturn(json(threadPage(List.of(thread(spam, 0, List.of())), null))));
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo("/youtube/v3/comments/setModerationStatus"))
                .withMetadata(
                    com.github.tomakehurst.wiremock.common.Metadata.metadata()
                        .attr(
                            YouTubeSpec.DEVIATION,
                            "YouTube answers 204 No Content; the conversion names only 200")
                        .build())
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));

    poller(true).pollOnce();

    assertThat(ingest.storedPostIds()).containsExactly("Ug-spam");
    SocialPost held = storedPosts().get(0);
    assertThat(held.text()).startsWith("[Held for review on YouTube").contains("Free crypto");
    assertThat(held.attributes())
        .containsEntry(YouTubeCommentReader.MODERATION, YouTubeModerator.NOTE);
    youtube
        .server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/youtube/v3/comments/setModerationStatus"))
                .withQueryParam("id", equalTo("Ug-spam"))
                .withQueryParam("moderationStatus", equalTo("heldForReview"))
                .withQueryParam("banAuthor", absent()));
    youtube.server().verify(0, deleteRequestedFor(anyUrl()));
    assertThat(status.toJson(clock.instant()))
        .containsEntry("lastPollResult", "ok; 1 comment(s) held for review");
  }

  @Test
  void aRefusedHoldIsShownInTheStatusAndTriedAgainWithoutTakingTheCommentTwice() throws Exception {
    threads(threadPage(List.of(), null));
    Map<String, Object> spam = comment("Ug-spam", CUSTOMER, "Free crypto", minutesAgo(3), null);
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo(THREADS))
                .withQueryParam("moderationStatus", equalTo("likelySpam"))
                .willReturn(json(threadPage(List.of(thread(spam, 0, List.of())), null))));
    youtube
        .server()
        .stubFor(
            post(urlPathEqualTo("/youtube/v3/comments/setModerationStatus"))
                .withMetadata(YouTubeStubs.googleErrorBody())
                .willReturn(
                    YouTubeStubs.error(403, "forbidden", "The comment could not be moderated.")));
    YouTubePoller poller = poller(true);

    assertThat(poller.pollOnce()).isEqualTo(YouTubePoller.Result.FAILED);
    assertThat(status.toJson(clock.instant()).get("lastPollResult").toString())
        .contains("hold", "forbidden");
    poller.pollOnce();

    assertThat(ingest.storedPostIds()).containsExactly("Ug-spam");
    youtube
        .server()
        .verify(2, postRequestedFor(urlPathEqualTo("/youtube/v3/comments/setModerationStatus")));
  }

  @Test
  void likelySpamIsNotHeldBeforeItIsStored() throws Exception {
    threads(threadPage(List.of(), null));
    Map<String, Object> spam = comment("Ug-spam", CUSTOMER, "Free crypto", minutesAgo(3), null);
    youtube
        .server()
        .stubFor(
            get(urlPathEqualTo(THREADS))
                .withQueryParam("moderationStatus", equalTo("likelySpam"))
                .willReturn(json(threadPage(List.of(thread(spam, 0, List.of())), null))));
    ingest.failWith("database down");

    poller(true).pollOnce();

    youtube
        .server()
        .verify(0, postRequestedFor(urlPathEqualTo("/youtube/v3/comments/setModerationStatus")));
  }

  @Test
  void withoutModerationLikelySpamIsNeitherListedNorTouched() throws Exception {
    threads(threadPage(List.of(), null));

    poller(false).pollOnce();

    youtube
        .server()
        .verify(
            0,
            getRequestedFor(urlPathEqualTo(THREADS))
                .withQueryParam("moderationStatus", equalTo("likelySpam")));
    youtube
        .server()
        .verify(0, postRequestedFor(urlPathEqualTo("/youtube/v3/comments/setModerationStatus")));
    youtube.server().verify(2, anyRequestedFor(anyUrl()));
  }

  @Test
  void aCommentWithoutItsAuthorsChannelIsQuarantinedAndTheOthersTaken() throws Exception {
    Map<String, Object> anonymous =
        new java.util.LinkedHashMap<>(comment("Ug-anon", CUSTOMER, "?", minutesAgo(4), null));
    @SuppressWarnings("unchecked")
    Map<String, Object> snippet =
        new java.util.LinkedHashMap<>((Map<String, Object>) anonymous.get("snippet"));
    snippet.remove("authorChannelId");
    anonymous.put("snippet", snippet);
    threads(
        threadPage(
            List.of(
                thread(comment("Ug-ok", CUSTOMER, "Hi", minutesAgo(3), null), 0, List.of()),
                thread(anonymous, 0, List.of())),
            null));

    assertThat(poller(false).pollOnce()).isEqualTo(YouTubePoller.Result.COMPLETED);

    assertThat(ingest.storedPostIds()).containsExactly("Ug-ok");
    assertThat(ingest.quarantined())
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("Ug-anon", "authorChannelId"));
  }

  @Test
  void aCursorThatIsNotATimeCountsAsNoneInsteadOfStoppingThePolls() throws Exception {
    new ChannelCursors(database, clock).write(YouTubePoller.cursorKey(BRAND), "not-a-time");
    threads(
        threadPage(
            List.of(thread(comment("Ug-a", CUSTOMER, "A", minutesAgo(5), null), 0, List.of())),
            null));

    assertThat(poller(false).pollOnce()).isEqualTo(YouTubePoller.Result.COMPLETED);

    assertThat(ingest.storedPostIds()).containsExactly("Ug-a");
  }
}
