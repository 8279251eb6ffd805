package org.socialdesk.channel.x;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.x.XStubs.BRAND_ID;
import static org.socialdesk.channel.x.XStubs.NOW;
import static org.socialdesk.channel.x.XStubs.id;
import static org.socialdesk.channel.x.XStubs.ok;
import static org.socialdesk.channel.x.XStubs.page;
import static org.socialdesk.channel.x.XStubs.post;
import static org.socialdesk.channel.x.XStubs.user;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingHttpClients;

class XMentionsPollerTest {

  @RegisterExtension static final XWireMock x = new XWireMock();

  private static final String MENTIONS = "/2/users/" + BRAND_ID + "/mentions";
  private static final String CUSTOMER = "2244994945";
  private static final Map<String, Object> CUSTOMER_USER =
      user(CUSTOMER, "nadia_k", "Nadia K.", 1200);

  private final SettableClock clock = new SettableClock(NOW);
  private final RecordingIngest ingest = new RecordingIngest();
  private DataSource database;
  private XCursors cursors;

  @BeforeEach
  void freshDatabase() {
    database = TestingDatabase.shared(ChannelChangelog.RESOURCE, "channel_cursor");
    cursors = new XCursors(database, clock);
  }

  @Test
  void walksEveryPageThenStoresOldestFirstAndMovesTheCursorToTheNewest() throws Exception {
    String a = id(9, 0);
    String b = id(8, 0);
    String c = id(6, 0);
    String d = id(5, 0);
    x.server()
        .stubFor(
            mentions()
                .withQueryParam("pagination_token", absent())
                .willReturn(
                    ok(
                        page(
                            List.of(post(d, CUSTOMER, "four"), post(c, CUSTOMER, "three")),
                            List.of(CUSTOMER_USER),
                            "7140dibdnow9c7btw3w29n4u3ak"))));
    x.server()
        .stubFor(
            mentions()
                .withQueryParam("pagination_token", equalTo("7140dibdnow9c7btw3w29n4u3ak"))
                .willReturn(
                    ok(
                        page(
                            List.of(post(b, CUSTOMER, "two"), post(a, CUSTOMER, "one")),
                            List.of(CUSTOMER_USER),
                            null))));

    assertThat(poller(config()).pollOnce()).isEqualTo(XPoller.Result.COMPLETED);

    assertThat(ingest.storedPostIds()).containsExactly(a, b, c, d);
    assertThat(cursors.read(XCursors.mentionsKey(BRAND_ID))).contains(d);
  }

  @Test
  void aPostThatCannotBeReadIsQuarantinedAndThePollGoesOnPastIt() throws Exception {
    String good = id(4, 0);
    String unreadable = id(3, 0);
    Map<String, Object> anonymous =
        new java.util.LinkedHashMap<>(post(unreadable, CUSTOMER, "who wrote this?"));
    anonymous.put("author_id", "");
    x.server()
        .stubFor(
            mentions()
                .willReturn(
                    ok(
                        page(
                            List.of(post(good, CUSTOMER, "fine"), anonymous),
                            List.of(CUSTOMER_USER),
                            null))));

    assertThat(poller(config()).pollOnce()).isEqualTo(XPoller.Result.COMPLETED);

    assertThat(ingest.storedPostIds()).containsExactly(good);
    assertThat(ingest.quarantined())
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.network()).isEqualTo("x");
              assertThat(q.payload()).contains(unreadable);
              assertThat(q.reason()).startsWith("cannot read the item");
            });
    assertThat(cursors.read(XCursors.mentionsKey(BRAND_ID)))
        .as("the cursor moves past the quarantined post")
        .contains(unreadable);
  }

  @Test
  void asksOnlyForPostsNewerThanTheCursorAtTheNextPoll() throws Exception {
    String first = id(5, 0);
    String second = id(2, 0);
    x.server()
        .stubFor(
            mentions()
                .withQueryParam("since_id", absent())
                .willReturn(
                    ok(
                        page(
                            List.of(post(first, CUSTOMER, "first")),
                            List.of(CUSTOMER_USER),
                            null))));
    x.server()
        .stubFor(
            mentions()
                .withQueryParam("since_id", equalTo(first))
                .willReturn(
                    ok(
                        page(
                            List.of(post(second, CUSTOMER, "second")),
                            List.of(CUSTOMER_USER),
                            null))));
    XPoller poller = poller(config());

    poller.pollOnce();
    clock.advance(Duration.ofMinutes(1));
    poller.pollOnce();

    assertThat(ingest.storedPostIds()).containsExactly(first, second);
    assertThat(cursors.read(XCursors.mentionsKey(BRAND_ID))).contains(second);
    x.server()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo(MENTIONS)).withQueryParam("since_id", equalTo(first)));
  }

  @Test
  void firstPollReadsOnlyTheBackfillWindow() throws Exception {
    String recent = id(30, 0);
    String old = id(24 * 60, 0);
    x.server()
        .stubFor(
            mentions()
                .willReturn(
                    ok(
                        page(
                            List.of(
                                post(recent, CUSTOMER, "recent"), post(old, CUSTOMER, "yesterday")),
                            List.of(CUSTOMER_USER),
                            null))));

    poller(config()).pollOnce();

    x.server()
        .verify(
            getRequestedFor(urlPathEqualTo(MENTIONS))
                .withQueryParam("start_time", equalTo("2026-11-23T09:00:00Z"))
                .withQueryParam("since_id", absent()));
    assertThat(ingest.storedPostIds()).containsExactly(recent);
  }

  @Test
  void buildsThePostFromTheMentionAndItsAuthor() throws Exception {
    String root = id(20, 0);
    String quoted = id(40, 0);
    String reply = id(3, 0);
    Map<String, Object> mention =
        post(reply, CUSTOMER, "@ShopKite where is my order? https://t.co/x");
    mention.put("conversation_id", root);
    mention.put("in_reply_to_user_id", BRAND_ID);
    mention.put(
        "referenced_posts",
        List.of(Map.of("type", "replied_to", "id", root), Map.of("type", "quoted", "id", quoted)));
    mention.put(
        "note_post", Map.of("text", "@ShopKite where is my order? (the long text of a long post)"));
    mention.put("lang", "th");
    x.server()
        .stubFor(
            mentions()
                .willReturn(
                    ok(
                        page(
                            List.of(mention),
                            List.of(user(CUSTOMER, "nadia_k", "Nadia K.", 250_000)),
                            null))));

    poller(config()).pollOnce();

    SocialPost post = ((InboundEvent.NewPost) ingest.stored().getFirst()).post();
    assertThat(post.key().network()).isEqualTo("x");
    assertThat(post.key().postId()).isEqualTo(reply);
    assertThat(post.conversationId()).isEqualTo(root);
    assertThat(post.inReplyToId()).isEqualTo(root);
    assertThat(post.text())
        .isEqualTo("@ShopKite where is my order? (the long text of a long post)");
    assertThat(post.postedAt()).isEqualTo(XStubs.timeOf(reply));
    assertThat(post.visibility()).isEqualTo(Visibility.PUBLIC);
    assertThat(post.url()).isEqualTo(URI.create("https://x.com/nadia_k/status/" + reply));
    assertThat(post.engagement()).isEqualTo(new Engagement(5, 2, 1, 0));
    assertThat(post.attributes()).containsEntry("quotedPostId", quoted).containsEntry("lang", "th");
    assertThat(post.author())
        .isEqualTo(
            new Author(
                "x",
                CUSTOMER,
                "nadia_k",
                "Nadia K.",
                250_000,
                true,
                3,
                Instant.parse("2019-03-04T05:06:07Z")));
  }

  @Test
  void neverIngestsTheBrandsOwnPostsButMovesTheCursorPastThem() throws Exception {
    String customers = id(6, 0);
    String brands = id(4, 0);
    x.server()
        .stubFor(
            mentions()
                .willReturn(
                    ok(
                        page(
                            List.of(
                                post(brands, BRAND_ID, "@nadia_k we're on it"),
                                post(customers, CUSTOMER, "@ShopKite help")),
                            List.of(CUSTOMER_USER, user(BRAND_ID, "ShopKite", "ShopKite", 90_000)),
                            null))));

    poller(config()).pollOnce();

    assertThat(ingest.storedPostIds()).containsExactly(customers);
    assertThat(cursors.read(XCursors.mentionsKey(BRAND_ID))).contains(brands);
  }

  @Test
  void pausesOn429UntilTheResetAndResumesTheWalkLosingNothing() throws Exception {
    String newer = id(5, 0);
    String older = id(7, 0);
    String token = "7140dibdnow9c7btw3w29n4u3ak";
    Instant reset = NOW.plusSeconds(300);
    x.server()
        .stubFor(
            mentions()
                .withQueryParam("pagination_token", absent())
                .willReturn(
                    ok(
                        page(
                            List.of(post(newer, CUSTOMER, "newer")),
                            List.of(CUSTOMER_USER),
                            token))));
    x.server()
        .stubFor(
            mentions()
                .withQueryParam("pagination_token", equalTo(token))
                .inScenario("rate limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("reset")
                .withMetadata(
                    Metadata.metadata()
                        .attr(
                            XSpec.DEVIATION,
                            "X's real 429 body (type about:blank) is not in its OpenAPI"))
                .willReturn(XStubs.tooManyRequests(reset)));
    x.server()
        .stubFor(
            mentions()
                .withQueryParam("pagination_token", equalTo(token))
                .inScenario("rate limit")
                .whenScenarioStateIs("reset")
                .willReturn(
                    ok(
                        page(
                            List.of(post(older, CUSTOMER, "older")),
                            List.of(CUSTOMER_USER),
                            null))));
    XPoller poller = poller(config());

    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.PAUSED);
    clock.advance(Duration.ofSeconds(60));
    assertThat(poller.pollOnce())
        .as("before the reset, no request at all")
        .isEqualTo(XPoller.Result.PAUSED);
    assertThat(ingest.stored()).isEmpty();
    assertThat(cursors.read(XCursors.mentionsKey(BRAND_ID))).isEmpty();
    assertThat(x.exchanges()).hasSize(2);

    clock.advance(Duration.ofSeconds(241));
    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.COMPLETED);

    assertThat(ingest.storedPostIds()).containsExactly(older, newer);
    assertThat(cursors.read(XCursors.mentionsKey(BRAND_ID))).contains(newer);
    x.server()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo(MENTIONS)).withQueryParam("pagination_token", absent()));
    x.server()
        .verify(
            2,
            getRequestedFor(urlPathEqualTo(MENTIONS))
                .withQueryParam("pagination_token", equalTo(token)));
  }

  @Test
  void retriesAfterAServerErrorAtTheNextPoll() throws Exception {
    String mention = id(5, 0);
    x.server()
        .stubFor(
            mentions()
                .inScenario("outage")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("up")
                .willReturn(XStubs.serviceUnavailable()));
    x.server()
        .stubFor(
            mentions()
                .inScenario("outage")
                .whenScenarioStateIs("up")
                .willReturn(
                    ok(
                        page(
                            List.of(post(mention, CUSTOMER, "hello")),
                            List.of(CUSTOMER_USER),
                            null))));
    XPoller poller = poller(config());

    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.FAILED);
    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.COMPLETED);

    assertThat(ingest.storedPostIds()).containsExactly(mention);
  }

  @Test
  void keepsTheCursorWhenTheHostCannotStoreAndDeliversEverythingAtTheNextPoll() throws Exception {
    String older = id(7, 0);
    String newer = id(5, 0);
    x.server()
        .stubFor(
            mentions()
                .willReturn(
                    ok(
                        page(
                            List.of(post(newer, CUSTOMER, "newer"), post(older, CUSTOMER, "older")),
                            List.of(CUSTOMER_USER),
                            null))));
    XPoller poller = poller(config());
    ingest.failAfter(1);

    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.FAILED);
    assertThat(cursors.read(XCursors.mentionsKey(BRAND_ID))).isEmpty();

    ingest.recover();
    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.COMPLETED);

    assertThat(ingest.storedPostIds()).containsExactly(older, newer);
    assertThat(cursors.read(XCursors.mentionsKey(BRAND_ID))).contains(newer);
  }

  @Test
  void anEditedPostIsAnEditOfTheOriginalStoredBefore() throws Exception {
    String original = id(10, 0);
    String edited = id(4, 0);
    Map<String, Object> version = post(edited, CUSTOMER, "@ShopKite order 1234 (corrected)");
    version.put("conversation_id", original);
    version.put("edit_history_post_ids", List.of(original, edited));
    x.server()
        .stubFor(
            mentions()
                .withQueryParam("since_id", absent())
                .willReturn(
                    ok(
                        page(
                            List.of(post(original, CUSTOMER, "@ShopKite order 1243")),
                            List.of(CUSTOMER_USER),
                            null))));
    x.server()
        .stubFor(
            mentions()
                .withQueryParam("since_id", equalTo(original))
                .willReturn(ok(page(List.of(version), List.of(CUSTOMER_USER), null))));
    XPoller poller = poller(config());

    poller.pollOnce();
    poller.pollOnce();

    assertThat(ingest.stored()).hasSize(2);
    assertThat(ingest.stored().getLast())
        .isEqualTo(
            new InboundEvent.PostEdited(
                new org.socialdesk.api.social.PostKey("x", original),
                "@ShopKite order 1234 (corrected)",
                XStubs.timeOf(edited)));
    assertThat(cursors.read(XCursors.mentionsKey(BRAND_ID))).contains(edited);
  }

  @Test
  void anEditedPostNeverSeenBeforeArrivesAsANewPostUnderTheOriginalsId() throws Exception {
    String original = id(10, 0);
    String edited = id(4, 0);
    Map<String, Object> version = post(edited, CUSTOMER, "latest text");
    version.put("conversation_id", original);
    version.put("edit_history_post_ids", List.of(original, edited));
    x.server()
        .stubFor(mentions().willReturn(ok(page(List.of(version), List.of(CUSTOMER_USER), null))));

    poller(config()).pollOnce();

    SocialPost post = ((InboundEvent.NewPost) ingest.stored().getFirst()).post();
    assertThat(ingest.stored()).hasSize(1);
    assertThat(post.key().postId()).isEqualTo(original);
    assertThat(post.text()).isEqualTo("latest text");
    assertThat(post.postedAt()).isEqualTo(XStubs.timeOf(original));
  }

  @Test
  void pacesRequestsUnderTheConfiguredBudget() throws Exception {
    x.server().stubFor(mentions().willReturn(ok(page(List.of(), List.of(), null))));
    XPoller poller =
        poller(XStubs.config(x.baseUrl(), "post", new XConfig.Pacing(2, null, null, null)));

    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.COMPLETED);
    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.COMPLETED);
    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.PAUSED);
    assertThat(x.exchanges()).hasSize(2);

    clock.advance(Duration.ofMinutes(7).plusSeconds(30));
    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.COMPLETED);
    assertThat(x.exchanges()).hasSize(3);
  }

  @Test
  void stopsWhenXSaysTheWindowIsSpentUntilItsReset() throws Exception {
    x.server()
        .stubFor(
            mentions().willReturn(ok(page(List.of(), List.of(), null), 0, NOW.plusSeconds(600))));
    XPoller poller = poller(config());

    poller.pollOnce();
    clock.advance(Duration.ofSeconds(599));
    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.PAUSED);
    clock.advance(Duration.ofSeconds(1));
    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.COMPLETED);

    assertThat(x.exchanges()).hasSize(2);
  }

  @Test
  void sendsThePinnedSpecsFieldNamesByDefault() throws Exception {
    x.server().stubFor(mentions().willReturn(ok(page(List.of(), List.of(), null))));

    poller(config()).pollOnce();

    x.server()
        .verify(
            getRequestedFor(urlPathEqualTo(MENTIONS))
                .withHeader("Authorization", equalTo("Bearer app-bearer"))
                .withQueryParam("max_results", equalTo("100"))
                .withQueryParam(
                    "post.fields",
                    equalTo("created_at,conversation_id,public_metrics,lang,note_post"))
                .withQueryParam(
                    "expansions", equalTo("author_id,in_reply_to_user_id,referenced_posts"))
                .withQueryParam(
                    "user.fields", equalTo("username,name,verified,public_metrics,created_at")));
  }

  @Test
  void tweetNamingSendsTheDocumentedParametersAndReadsTheOlderAnswers() throws Exception {
    String root = id(20, 0);
    String reply = id(3, 0);
    Map<String, Object> mention =
        new java.util.LinkedHashMap<>(
            Map.of(
                "id",
                reply,
                "text",
                "short",
                "author_id",
                CUSTOMER,
                "conversation_id",
                root,
                "created_at",
                XStubs.timeOf(reply).toString(),
                "edit_history_tweet_ids",
                List.of(reply),
                "referenced_tweets",
                List.of(Map.of("type", "replied_to", "id", root)),
                "note_tweet",
                Map.of("text", "the long text"),
                "public_metrics",
                Map.of("retweet_count", 7, "reply_count", 1, "like_count", 2, "quote_count", 3)));
    x.server()
        .stubFor(
            mentions()
                .withMetadata(
                    Metadata.metadata()
                        .attr(
                            XSpec.OLDER_NAMING,
                            "tweet.fields and retweet_count are docs.x.com / OpenAPI 2.159 names, not 2.167's"))
                .willReturn(ok(page(List.of(mention), List.of(CUSTOMER_USER), null))));

    poller(XStubs.config(x.baseUrl(), "tweet", null)).pollOnce();

    x.server()
        .verify(
            getRequestedFor(urlPathEqualTo(MENTIONS))
                .withQueryParam(
                    "tweet.fields",
                    equalTo(
                        "created_at,conversation_id,in_reply_to_user_id,referenced_tweets,"
                            + "public_metrics,edit_history_tweet_ids,lang,author_id,note_tweet"))
                .withQueryParam(
                    "expansions",
                    equalTo(
                        "author_id,referenced_tweets.id,referenced_tweets.id.author_id,in_reply_to_user_id")));
    SocialPost post = ((InboundEvent.NewPost) ingest.stored().getFirst()).post();
    assertThat(post.inReplyToId()).isEqualTo(root);
    assertThat(post.text()).isEqualTo("the long text");
    assertThat(post.engagement()).isEqualTo(new Engagement(2, 7, 1, 3));
  }

  private MappingBuilder mentions() {
    return get(urlPathEqualTo(MENTIONS));
  }

  private XConfig config() {
    return XStubs.config(x.baseUrl());
  }

  private XPoller poller(XConfig config) {
    XApi api =
        new XApi(
            TestingHttpClients.newClient(),
            config.baseUrl(),
            Duration.ofSeconds(5),
            new XPacer(clock, config.pacing()));
    return new XPoller(
        new XMentionsFeed(config, new XPostReader(BRAND_ID, clock)),
        api,
        cursors,
        new XDelivery(ingest),
        clock,
        config.backfill());
  }
}
