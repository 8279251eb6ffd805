package org.socialdesk.channel.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.Secret;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.testkit.LocalBluesky;
import org.socialdesk.testkit.LocalBlueskyClient;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingPluginContext;

/**
 * The channel against a real local AT Protocol network (PLC, PDS, AppView, the chat mock): what a
 * customer posts there becomes posts for the inbox, replies appear in the thread, deletions are
 * noticed, DMs go both ways. Indexing is asynchronous, so reads wait (up to 10 s).
 */
class BlueskyNetworkIT {

  @RegisterExtension static final LocalBluesky network = new LocalBluesky();

  private static final Duration INDEXING = Duration.ofSeconds(10);

  private static LocalBlueskyClient brand;
  private static LocalBlueskyClient customer;
  private static String privilegedPassword;
  private static String ordinaryPassword;

  private final RecordingIngest ingest = new RecordingIngest();
  private DataSource database;
  private TestingPluginContext context;
  private BlueskyChannel.Parts channel;

  @BeforeAll
  static void accounts() throws Exception {
    brand = new LocalBlueskyClient(network.info().pds(), network.info().brand());
    customer = new LocalBlueskyClient(network.info().pds(), network.info().customer());
    privilegedPassword = brand.createAppPassword("helpdesk", true);
    ordinaryPassword = brand.createAppPassword("helpdesk-read-only", false);
  }

  @BeforeEach
  void freshChannel() {
    database = TestingDatabase.create(ChannelChangelog.RESOURCE);
    channel = start(privilegedPassword);
  }

  @AfterEach
  void close() {
    context.close();
  }

  /** The channel's parts on the test's database: a second call is a restart. */
  private BlueskyChannel.Parts start(String appPassword) {
    if (context != null) {
      context.close();
    }
    BlueskyConfig config =
        new BlueskyConfig(
            true,
            network.info().pds(),
            network.info().brand().handle(),
            Secret.of(appPassword),
            network.info().chatProxyHeader(),
            true,
            null,
            null,
            null,
            null,
            network.info().jetstream());
    context =
        TestingPluginContext.builder()
            .config(config)
            .dataSource(database)
            .ingest(ingest)
            .clock(Clock.systemUTC())
            .ownScheduler()
            .httpClients(Duration.ofSeconds(30))
            .build();
    return BlueskyChannel.parts(config, context);
  }

  private String mention(String text) throws Exception {
    LocalBlueskyClient.Ref post =
        customer.mention(text + " ", network.info().brand().handle(), brand.did(), " #order-123");
    return BlueskyIds.fromUri(post.uri()).orElseThrow().postId();
  }

  private SocialPost takenIn(String postId) {
    await()
        .atMost(INDEXING)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              channel.poller().poll();
              assertThat(ingest.storedPostIds()).contains(postId);
            });
    return ingest.stored().stream()
        .filter(InboundEvent.NewPost.class::isInstance)
        .map(event -> ((InboundEvent.NewPost) event).post())
        .filter(post -> post.key().postId().equals(postId))
        .findFirst()
        .orElseThrow();
  }

  private static OutgoingReply reply(String key, SocialPost answered, String text) {
    return new OutgoingReply(
        key, answered.key(), answered.conversationId(), answered.author(), Visibility.PUBLIC, text);
  }

  private static JsonNode thread(String postId) throws Exception {
    return LocalBlueskyClient.require(
            customer.thread(BlueskyIds.fromPostId(postId).orElseThrow().uri()))
        .path("thread");
  }

  @Test
  void aMentionBecomesACustomersPostOnceEvenAfterARestart() throws Exception {
    String id = mention("สวัสดีค่ะ where is my parcel?");

    SocialPost post = takenIn(id);

    assertThat(post.conversationId()).isEqualTo(id);
    assertThat(post.author().handle()).isEqualTo("customer.test");
    assertThat(post.author().accountId()).isEqualTo(customer.did());
    assertThat(post.text()).startsWith("สวัสดีค่ะ where is my parcel? @brand.test");
    assertThat(post.attributes()).containsEntry("reason", "mention");

    channel = start(privilegedPassword);
    channel.poller().poll();
    assertThat(ingest.storedPostIds()).containsOnlyOnce(id);
  }

  @Test
  void theAuthorsFollowerCountIsTheOneTheirProfileShows() throws Exception {
    LocalBlueskyClient.require(
        brand.post(
            "com.atproto.repo.createRecord",
            Map.of(
                "repo",
                brand.did(),
                "collection",
                "app.bsky.graph.follow",
                "record",
                Map.of(
                    "$type",
                    "app.bsky.graph.follow",
                    "subject",
                    customer.did(),
                    "createdAt",
                    Instant.now().toString())),
            null));
    AtomicLong shown = new AtomicLong();
    await()
        .atMost(INDEXING)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              shown.set(
                  LocalBlueskyClient.require(
                          brand.get(
                              "app.bsky.actor.getProfile?actor="
                                  + LocalBlueskyClient.encode(customer.did()),
                              null))
                      .path("followersCount")
                      .asLong());
              assertThat(shown.get()).isPositive();
            });

    SocialPost post = takenIn(mention("do you ship to Chiang Mai?"));

    assertThat(post.author().followers()).isEqualTo(shown.get());
  }

  @Test
  void repliesAndQuotesJoinTheThreadOfTheirRootAndTheBrandsOwnPostsAreNotTakenIn()
      throws Exception {
    String rootId = mention("my order is late");
    SocialPost root = takenIn(rootId);
    PublishOutcome answer =
        channel.publisher().publish(reply("r-join-1", root, "Sorry! Which order number?"));
    assertThat(answer).isInstanceOf(PublishOutcome.Published.class);
    String brandReply = ((PublishOutcome.Published) answer).remoteId();
    LocalBlueskyClient.Ref rootRef = ref(rootId);
    LocalBlueskyClient.Ref brandRef = ref(brandReply);

    LocalBlueskyClient.Ref followUp = customer.reply("It is #123", rootRef, brandRef);
    LocalBlueskyClient.Ref quote = customer.quote("Look how they answer", brandRef);
    String followUpId = BlueskyIds.fromUri(followUp.uri()).orElseThrow().postId();
    String quoteId = BlueskyIds.fromUri(quote.uri()).orElseThrow().postId();

    SocialPost second = takenIn(followUpId);
    assertThat(second.conversationId()).isEqualTo(rootId);
    assertThat(second.inReplyToId()).isEqualTo(brandReply);
    assertThat(takenIn(quoteId).attributes()).containsEntry(SocialPost.QUOTED_POST_ID, brandReply);
    assertThat(ingest.storedPostIds()).doesNotContain(brandReply);
  }

  /** The post's strong reference, once the AppView has indexed it. */
  private static LocalBlueskyClient.Ref ref(String postId) throws Exception {
    String uri = BlueskyIds.fromPostId(postId).orElseThrow().uri();
    JsonNode post =
        await()
            .atMost(INDEXING)
            .until(() -> customer.thread(uri), answer -> answer.status() == 200)
            .json()
            .path("thread")
            .path("post");
    return new LocalBlueskyClient.Ref(post.path("uri").asText(), post.path("cid").asText());
  }

  @Test
  void aReplyAppearsInTheThreadWithItsFacetsAndASplitReplysSecondPartAnswersTheFirst()
      throws Exception {
    SocialPost mention = takenIn(mention("need help"));
    String text = "1/2 ขอบคุณค่ะ @customer.test 🙂 see https://example.com/help";

    PublishOutcome first = channel.publisher().publish(reply("r-split-1", mention, text));
    assertThat(first).isInstanceOf(PublishOutcome.Published.class);
    String firstId = ((PublishOutcome.Published) first).remoteId();
    OutgoingReply part2 =
        new OutgoingReply(
            "r-split-2",
            new PostKey("bluesky", firstId),
            mention.conversationId(),
            mention.author(),
            Visibility.PUBLIC,
            "2/2 สวัสดี");
    PublishOutcome second = channel.publisher().publish(part2);
    assertThat(second).isInstanceOf(PublishOutcome.Published.class);
    String secondId = ((PublishOutcome.Published) second).remoteId();

    await()
        .atMost(INDEXING)
        .untilAsserted(
            () -> {
              JsonNode replies = thread(mention.key().postId()).path("replies");
              assertThat(replies).hasSize(1);
              JsonNode reply = replies.get(0).path("post").path("record");
              assertThat(reply.path("text").asText()).isEqualTo(text);
              JsonNode facets = reply.path("facets");
              assertThat(facets).hasSize(2);
              // "1/2 " 4 bytes, 9 Thai letters of 3 bytes, a space: the mention at byte 32.
              assertThat(facets.get(0).path("index").path("byteStart").asInt()).isEqualTo(32);
              assertThat(facets.get(0).path("features").get(0).path("did").asText())
                  .isEqualTo(customer.did());
              assertThat(facets.get(1).path("features").get(0).path("uri").asText())
                  .isEqualTo("https://example.com/help");
              JsonNode nested = replies.get(0).path("replies");
              assertThat(nested).hasSize(1);
              JsonNode record2 = nested.get(0).path("post").path("record");
              assertThat(record2.path("reply").path("root").path("uri").asText())
                  .isEqualTo(BlueskyIds.fromPostId(mention.key().postId()).orElseThrow().uri());
              assertThat(nested.get(0).path("post").path("uri").asText())
                  .isEqualTo(BlueskyIds.fromPostId(secondId).orElseThrow().uri());
            });
  }

  @Test
  void aRetryOfAPublishedReplyPartIsRefusedByTheRepositoryAndTakenAsPublished() throws Exception {
    SocialPost mention = takenIn(mention("retry test"));
    OutgoingReply part = reply("r-retry-1", mention, "We are on it.");

    PublishOutcome first = channel.publisher().publish(part);
    // A crash before the outbox recorded the answer: the same part is sent again.
    PublishOutcome again = channel.publisher().publish(part);

    assertThat(first).isInstanceOf(PublishOutcome.Published.class);
    assertThat(again).isInstanceOf(PublishOutcome.Published.class);
    assertThat(((PublishOutcome.Published) again).remoteId())
        .isEqualTo(((PublishOutcome.Published) first).remoteId());
    await()
        .atMost(INDEXING)
        .untilAsserted(() -> assertThat(thread(mention.key().postId()).path("replies")).hasSize(1));
    JsonNode listed =
        LocalBlueskyClient.require(
            brand.get(
                "com.atproto.repo.listRecords?repo="
                    + brand.did()
                    + "&collection=app.bsky.feed.post&limit=100",
                null));
    assertThat(listed.path("records").findValuesAsText("uri"))
        .filteredOn(uri -> uri.endsWith(BlueskyTid.forKey("r-retry-1")))
        .hasSize(1);
  }

  @Test
  void theRealPdsAnswersASecondRecordUnderTheSameKeyWithAnError() throws Exception {
    Map<String, Object> body =
        Map.of(
            "repo",
            brand.did(),
            "collection",
            "app.bsky.feed.post",
            "rkey",
            BlueskyTid.forKey("raw-duplicate"),
            "record",
            Map.of(
                "$type",
                "app.bsky.feed.post",
                "text",
                "once",
                "createdAt",
                "2026-12-03T00:00:00Z"));

    assertThat(brand.post("com.atproto.repo.createRecord", body, null).status()).isEqualTo(200);
    // Observed: 500 InternalServerError (a unique-key violation inside the PDS), not a 409.
    assertThat(brand.post("com.atproto.repo.createRecord", body, null).status())
        .isGreaterThanOrEqualTo(400);
  }

  @Test
  void aDeletedPostIsMarkedOnceAndNeverAnsweredInPublic() throws Exception {
    String id = mention("I will delete this");
    SocialPost post = takenIn(id);
    String kept = mention("this one stays");
    takenIn(kept);

    customer.delete(ref(id));

    await()
        .atMost(INDEXING)
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              channel.deletions().check();
              assertThat(ingest.stored())
                  .filteredOn(InboundEvent.PostDeleted.class::isInstance)
                  .extracting(InboundEvent::key)
                  .containsExactly(new PostKey("bluesky", id));
            });
    assertThat(channel.deletions().check()).isZero();
    PublishOutcome answer = channel.publisher().publish(reply("r-deleted-1", post, "Hello?"));
    assertThat(answer).isInstanceOf(PublishOutcome.Rejected.class);
    assertThat(((PublishOutcome.Rejected) answer).reason()).contains("deleted");
  }

  @Test
  void withJetstreamAMentionIsTakenInAndADeletionMarkedWithinSecondsWithoutWaitingForAPoll()
      throws Exception {
    BlueskyConfig config = (BlueskyConfig) context.config().bind(BlueskyConfig.class);
    BlueskyJetstream stream =
        new BlueskyJetstream(
            config.jetstreamUrl(),
            context.httpClients().forPeer(BlueskyXrpc.PEER),
            channel.session(),
            channel.poller(),
            channel.posts(),
            ingest,
            context.scheduler(),
            context.clock());
    stream.start();
    try {
      // Connecting polls once (backfill); wait for it, so what follows comes from the stream.
      await()
          .atMost(INDEXING)
          .until(() -> channel.status().toJson(java.time.Instant.now()).get("lastPollAt") != null);
      String id = mention("streamed question");

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(ingest.storedPostIds()).contains(id));

      customer.delete(ref(id));
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(ingest.stored())
                      .filteredOn(InboundEvent.PostDeleted.class::isInstance)
                      .extracting(InboundEvent::key)
                      .contains(new PostKey("bluesky", id)));
    } finally {
      stream.stop();
    }
  }

  @Test
  void theSessionIsKeptSealedAtRest() throws Exception {
    channel.session().did();

    List<String> stored =
        new ChannelJdbc(database)
            .queryList(
                "read the session",
                "select access_token, refresh_token from bluesky_session",
                row -> row.getString(1) + " " + row.getString(2));
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0)).startsWith("sealed1:").contains(" sealed1:").doesNotContain("eyJ");
  }

  @Test
  void aDirectMessageBecomesAPrivatePostAndTheAgentsAnswerArrivesOnceInTheChat() throws Exception {
    String proxy = network.info().chatProxyHeader();
    JsonNode convo =
        LocalBlueskyClient.require(
                customer.get("chat.bsky.convo.getConvoForMembers?members=" + brand.did(), proxy))
            .path("convo");
    String convoId = convo.path("id").asText();
    LocalBlueskyClient.require(
        customer.post(
            "chat.bsky.convo.sendMessage",
            Map.of("convoId", convoId, "message", Map.of("text", "Hi, order #123 is missing")),
            proxy));

    await()
        .atMost(INDEXING)
        .untilAsserted(
            () -> {
              channel.dms().poll();
              assertThat(ingest.stored()).anyMatch(e -> e.key().postId().startsWith("dm:"));
            });
    SocialPost message =
        ingest.stored().stream()
            .filter(e -> e.key().postId().startsWith("dm:"))
            .map(e -> ((InboundEvent.NewPost) e).post())
            .findFirst()
            .orElseThrow();
    assertThat(message.visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(message.conversationId()).isEqualTo("dm:" + convoId);
    assertThat(message.author().handle()).isEqualTo("customer.test");
    assertThat(message.text()).isEqualTo("Hi, order #123 is missing");

    OutgoingReply answer =
        new OutgoingReply(
            "dm-answer-1",
            message.key(),
            message.conversationId(),
            message.author(),
            Visibility.PRIVATE,
            "We are sorry! A new parcel leaves today.");
    assertThat(channel.publisher().publish(answer)).isInstanceOf(PublishOutcome.Published.class);
    assertThat(channel.publisher().publish(answer)).isInstanceOf(PublishOutcome.Published.class);

    JsonNode messages =
        LocalBlueskyClient.require(
            customer.get("chat.bsky.convo.getMessages?convoId=" + convoId + "&limit=20", proxy));
    assertThat(messages.path("messages").findValuesAsText("text"))
        .containsOnlyOnce("We are sorry! A new parcel leaves today.");
    channel.dms().poll();
    assertThat(ingest.stored()).filteredOn(e -> e.key().postId().startsWith("dm:")).hasSize(1);
  }

  @Test
  void aDmWithAnOrdinaryAppPasswordIsRefusedWithWhatToChange() throws Exception {
    channel = start(ordinaryPassword);
    Author someone = Author.of("bluesky", customer.did(), "customer.test");
    OutgoingReply dm =
        new OutgoingReply(
            "dm-ordinary-1",
            new PostKey("bluesky", "dm:x"),
            "dm:x",
            someone,
            Visibility.PRIVATE,
            "Hi");

    PublishOutcome outcome = channel.publisher().publish(dm);

    assertThat(outcome).isInstanceOf(PublishOutcome.Rejected.class);
    assertThat(((PublishOutcome.Rejected) outcome).reason()).contains("privileged app password");
  }
}
