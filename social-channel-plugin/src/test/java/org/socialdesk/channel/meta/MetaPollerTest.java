package org.socialdesk.channel.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.meta.MetaStubs.COMMENT;
import static org.socialdesk.channel.meta.MetaStubs.CUSTOMER;
import static org.socialdesk.channel.meta.MetaStubs.IG;
import static org.socialdesk.channel.meta.MetaStubs.IGSID;
import static org.socialdesk.channel.meta.MetaStubs.IG_COMMENT;
import static org.socialdesk.channel.meta.MetaStubs.IG_MEDIA;
import static org.socialdesk.channel.meta.MetaStubs.NOW;
import static org.socialdesk.channel.meta.MetaStubs.PAGE;
import static org.socialdesk.channel.meta.MetaStubs.PAGE_POST;
import static org.socialdesk.channel.meta.MetaStubs.PSID;
import static org.socialdesk.channel.meta.MetaStubs.REPLY;
import static org.socialdesk.channel.meta.MetaStubs.THREAD;
import static org.socialdesk.channel.meta.MetaStubs.VISITOR_POST;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

class MetaPollerTest {

  private static final String IG_REPLY = "17900000000000005";
  private static final String IG_LATE_REPLY = "17900000000000008";
  private static final String MENTION = "5550000000000001_500000000000001";

  @RegisterExtension static final MetaWireMock graph = new MetaWireMock();

  private static final DateTimeFormatter GRAPH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);
  private final SettableClock clock = new SettableClock(NOW);
  private final DataSource db = TestingDatabase.create(ChannelChangelog.RESOURCE);
  private final RecordingIngest ingest = new RecordingIngest();
  private final ChannelCursors cursors = new ChannelCursors(db, clock);
  private final MetaConfig config = MetaStubs.config(graph.baseUrl());
  private MetaPoller poller;

  @BeforeEach
  void build() {
    MetaTokens tokens = new MetaTokens(db, clock, new MetaTokenSeal(config.appSecret()));
    tokens.configure(PAGE, "page", config.pageAccessToken());
    tokens.configure(IG, "instagram", config.instagramToken());
    MetaGraph client =
        new MetaGraph(
            new TestingHttpClients(Duration.ofSeconds(5)).forPeer("meta"),
            config,
            Duration.ofSeconds(5),
            new MetaPacer(clock, 90, Duration.ofMinutes(5)),
            tokens);
    MetaPrivateReplies privateReplies = new MetaPrivateReplies(db, clock);
    poller =
        new MetaPoller(
            client,
            config,
            new MetaChangeReader(PAGE, IG),
            new MetaMessagingReader(MetaNetwork.FACEBOOK, PAGE, privateReplies::latestTo),
            new MetaMessagingReader(MetaNetwork.INSTAGRAM, IG, privateReplies::latestTo),
            new MetaDelivery(
                ingest, new MetaItems(db), new MetaHiddenNotes(db, RecordingHelpdesk::new, clock)),
            cursors,
            clock);
  }

  @Test
  void backfillsCommentsRepliesVisitorPostsMessagesAndInstagramCommentsButNotTheBrandsOwn() {
    stubWorld();

    poller.pollQuietly();

    assertThat(ingest.storedPostIds())
        .containsExactlyInAnyOrder(
            VISITOR_POST,
            COMMENT,
            REPLY,
            "m_a",
            IG_COMMENT,
            "17900000000000009",
            IG_REPLY,
            IG_LATE_REPLY,
            MENTION);
    InboundEvent.NewPost hidden =
        (InboundEvent.NewPost)
            ingest.stored().stream()
                .filter(e -> e.key().postId().equals("17900000000000009"))
                .findFirst()
                .orElseThrow();
    assertThat(hidden.post().text()).startsWith(MetaChangeReader.HIDDEN_NOTE);
    assertThat(new MetaItems(db).find(MetaNetwork.INSTAGRAM, "17900000000000009"))
        .hasValueSatisfying(item -> assertThat(item.hidden()).isTrue());
    InboundEvent.NewPost reply =
        (InboundEvent.NewPost)
            ingest.stored().stream()
                .filter(e -> e.key().postId().equals(REPLY))
                .findFirst()
                .orElseThrow();
    assertThat(reply.post().conversationId()).isEqualTo(COMMENT);
    graph
        .server()
        .verify(
            getRequestedFor(urlPathEqualTo(MetaStubs.path(PAGE_POST, "comments")))
                .withQueryParam(
                    "since",
                    equalTo(Long.toString(NOW.minus(Duration.ofHours(1)).getEpochSecond()))));
    assertThat(cursors.read("meta:feed:" + PAGE))
        .hasValue(Long.toString(at(4).minus(MetaPoller.OVERLAP).getEpochSecond()));
  }

  @Test
  void backfillsInstagramRepliesAlsoUnderOldCommentsAndPostsThatTagThePage() {
    stubWorld();

    poller.pollQuietly();

    SocialPost reply = stored(IG_REPLY);
    assertThat(reply.conversationId())
        .as("a reply joins its comment's thread")
        .isEqualTo(IG_COMMENT);
    assertThat(reply.inReplyToId()).isEqualTo(IG_COMMENT);
    assertThat(stored(IG_LATE_REPLY).conversationId())
        .as("a new reply under a comment older than the cursor")
        .isEqualTo("17900000000000007");
    assertThat(ingest.storedPostIds())
        .as("the old comment itself is not read again")
        .doesNotContain("17900000000000007", "104000000000001_500000000000002");
    SocialPost mention = stored(MENTION);
    assertThat(mention.author().accountId()).isEqualTo(CUSTOMER);
    assertThat(mention.text()).isEqualTo("Thanks @Brand for nothing");
    assertThat(mention.attributes()).containsEntry("metaKind", "mention");
    assertThat(cursors.read("meta:mentions:" + PAGE))
        .hasValue(Long.toString(at(4).minus(MetaPoller.OVERLAP).getEpochSecond()));
    assertThat(new MetaItems(db).find(MetaNetwork.INSTAGRAM, IG_REPLY))
        .hasValueSatisfying(item -> assertThat(item.parentId()).isEqualTo(IG_COMMENT));
  }

  @Test
  void aSecondPollReadsFromTheCursorAndDoublesNothing() {
    stubWorld();
    poller.pollQuietly();
    graph.server().resetRequests();

    poller.pollQuietly();

    assertThat(ingest.stored()).hasSize(9);
    graph
        .server()
        .verify(
            getRequestedFor(urlPathEqualTo(MetaStubs.path(PAGE_POST, "comments")))
                .withQueryParam(
                    "since",
                    equalTo(Long.toString(at(4).minus(MetaPoller.OVERLAP).getEpochSecond()))));
  }

  @Test
  void whenTheHostCannotStoreTheCursorStaysAndTheNextPollDeliversIt() {
    stubWorld();
    ingest.failWith("database down");

    poller.pollQuietly();

    assertThat(cursors.read("meta:feed:" + PAGE)).isEmpty();
    ingest.recover();
    poller.pollQuietly();
    assertThat(ingest.storedPostIds()).contains(COMMENT, REPLY, VISITOR_POST);
  }

  @Test
  void aThrottledPollKeepsItsCursorAndTheOtherSourcesGoOn() {
    stubWorld();
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE, "feed")))
                .willReturn(MetaStubs.graphError(400, 4, "Application request limit reached")));

    poller.pollQuietly();

    assertThat(cursors.read("meta:feed:" + PAGE)).isEmpty();
    assertThat(ingest.storedPostIds()).isEmpty();
  }

  private void stubWorld() {
    stubMentions();
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE, "feed")))
                .willReturn(
                    MetaStubs.json(
                        "{\"data\":["
                            + "{\"id\":\""
                            + PAGE_POST
                            + "\",\"created_time\":\""
                            + GRAPH.format(NOW.minus(Duration.ofDays(3)))
                            + "\",\"updated_time\":\""
                            + time(5)
                            + "\",\"from\":{\"id\":\""
                            + PAGE
                            + "\",\"name\":\"Brand\"},\"message\":\"Our new blue kettle\"},"
                            + "{\"id\":\""
                            + VISITOR_POST
                            + "\",\"created_time\":\""
                            + time(2)
                            + "\",\"updated_time\":\""
                            + time(2)
                            + "\",\"from\":{\"id\":\""
                            + CUSTOMER
                            + "\",\"name\":\"Nadia\"},\"message\":\"Where is my refund?\"}],\"paging\":{\"cursors\":{\"before\":\"a\",\"after\":\"b\"}}}")));
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE_POST, "comments")))
                .willReturn(
                    MetaStubs.json(
                        "{\"data\":["
                            + "{\"id\":\""
                            + COMMENT
                            + "\",\"message\":\"Does it come in red?\",\"from\":{\"id\":\""
                            + CUSTOMER
                            + "\",\"name\":\"Nadia\"},\"created_time\":\""
                            + time(3)
                            + "\"},"
                            + "{\"id\":\""
                            + REPLY
                            + "\",\"message\":\"+1\",\"from\":{\"id\":\"5550000000000002\",\"name\":\"Omid\"},\"created_time\":\""
                            + time(4)
                            + "\",\"parent\":{\"id\":\""
                            + COMMENT
                            + "\"}},"
                            + "{\"id\":\"200000000000001_300000000000099\",\"message\":\"Yes!\",\"from\":{\"id\":\""
                            + PAGE
                            + "\",\"name\":\"Brand\"},\"created_time\":\""
                            + time(5)
                            + "\",\"parent\":{\"id\":\""
                            + COMMENT
                            + "\"}}],\"paging\":{\"cursors\":{\"before\":\"a\",\"after\":\"b\"}}}")));
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(VISITOR_POST, "comments")))
                .willReturn(MetaStubs.json("{\"data\":[]}")));
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE, "conversations")))
                .withQueryParam("platform", equalTo("MESSENGER"))
                .willReturn(
                    MetaStubs.json(
                        "{\"data\":[{\"id\":\""
                            + THREAD
                            + "\",\"updated_time\":\""
                            + time(4)
                            + "\"}]}")));
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE, "conversations")))
                .withQueryParam("platform", equalTo("INSTAGRAM"))
                .willReturn(MetaStubs.json("{\"data\":[]}")));
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(THREAD, "messages")))
                .willReturn(
                    MetaStubs.json(
                        "{\"data\":["
                            + "{\"id\":\"m_b\",\"message\":\"How can we help?\",\"from\":{\"id\":\""
                            + PAGE
                            + "\"},\"created_time\":\""
                            + time(4)
                            + "\"},"
                            + "{\"id\":\"m_a\",\"message\":\"Hi, my kettle leaks\",\"from\":{\"id\":\""
                            + PSID
                            + "\"},\"created_time\":\""
                            + time(3)
                            + "\"}]}")));
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(IG, "media")))
                .willReturn(
                    MetaStubs.json(
                        "{\"data\":["
                            + "{\"id\":\""
                            + IG_MEDIA
                            + "\",\"timestamp\":\""
                            + time(1)
                            + "\",\"comments_count\":1}]}")));
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(IG_MEDIA, "comments")))
                .willReturn(
                    MetaStubs.json(
                        "{\"data\":["
                            + "{\"id\":\""
                            + IG_COMMENT
                            + "\",\"text\":\"Love it\",\"timestamp\":\""
                            + time(2)
                            + "\",\"username\":\"nadia.k\",\"from\":{\"id\":\""
                            + IGSID
                            + "\",\"username\":\"nadia.k\"},"
                            + "\"replies\":{\"data\":[{\"id\":\""
                            + IG_REPLY
                            + "\",\"text\":\"Me too\",\"timestamp\":\""
                            + time(3)
                            + "\",\"username\":\"omid\",\"from\":{\"id\":\"7770000000000002\",\"username\":\"omid\"},"
                            + "\"parent_id\":\""
                            + IG_COMMENT
                            + "\"}]}},"
                            + "{\"id\":\"17900000000000007\",\"text\":\"Old one\",\"timestamp\":\""
                            + GRAPH.format(NOW.minus(Duration.ofDays(2)))
                            + "\",\"username\":\"sara\",\"from\":{\"id\":\"7770000000000003\",\"username\":\"sara\"},"
                            + "\"replies\":{\"data\":[{\"id\":\""
                            + IG_LATE_REPLY
                            + "\",\"text\":\"Any news?\",\"timestamp\":\""
                            + time(4)
                            + "\",\"username\":\"sara\",\"from\":{\"id\":\"7770000000000003\",\"username\":\"sara\"},"
                            + "\"parent_id\":\"17900000000000007\"}]}},"
                            + "{\"id\":\"17900000000000009\",\"text\":\"Buy followers\",\"timestamp\":\""
                            + time(2)
                            + "\",\"username\":\"spam.bot\",\"hidden\":true,"
                            + "\"from\":{\"id\":\"7770000000000009\",\"username\":\"spam.bot\"}}]}")));
  }

  private SocialPost stored(String id) {
    return ((InboundEvent.NewPost)
            ingest.stored().stream()
                .filter(e -> e.key().postId().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no post " + id)))
        .post();
  }

  private void stubMentions() {
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE, "tagged")))
                .willReturn(
                    MetaStubs.json(
                        "{\"data\":["
                            + tagged(MENTION, CUSTOMER, time(4))
                            + ","
                            + tagged("104000000000001_500000000000002", PAGE, time(4))
                            + ","
                            + tagged(
                                "5550000000000001_500000000000003",
                                CUSTOMER,
                                GRAPH.format(NOW.minus(Duration.ofDays(2))))
                            + "]}")));
  }

  private static String tagged(String id, String from, String created) {
    return "{\"id\":\""
        + id
        + "\",\"message\":\"Thanks @Brand for nothing\",\"from\":{\"id\":\""
        + from
        + "\",\"name\":\"Nadia\"},\"created_time\":\""
        + created
        + "\",\"permalink_url\":\"https://www.facebook.com/"
        + id
        + "\"}";
  }

  /** {@code minutes} minutes after the start of the backfill hour. */
  private static Instant at(int minutes) {
    return NOW.minus(Duration.ofHours(1)).plus(Duration.ofMinutes(minutes));
  }

  private static String time(int minutes) {
    return GRAPH.format(at(minutes));
  }
}
