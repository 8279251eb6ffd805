package org.socialdesk.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.Secret;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.host.config.DatabaseConfig;
import org.socialdesk.host.config.PipelineConfig;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.inbox.Quarantine;
import org.socialdesk.host.metrics.MicrometerMetrics;
import org.socialdesk.host.plugin.Extensions;
import org.socialdesk.host.replies.PublicationLog;
import org.socialdesk.host.storage.Database;
import org.socialdesk.host.storage.SchemaMigrations;

/** The pipeline on a real H2 database with an in-memory helpdesk and network. */
class PipelineTest {

  @TempDir Path folder;

  private DatabaseConfig config;
  private Database database;
  /** More Socialdesk instances on the same database, each with its own pool, for the concurrency tests. */
  private final List<Pipeline> otherInstances = new ArrayList<>();
  private final List<Database> otherPools = new ArrayList<>();
  private final FakeHelpdesk helpdesk = new FakeHelpdesk();
  private final List<OutgoingReply> published = new ArrayList<>();
  private final List<PublishOutcome> scriptedOutcomes = new ArrayList<>();
  private final List<ReplyPolicy> policies = new ArrayList<>();
  private Pipeline pipeline;
  private final InProcessEventBus events = new InProcessEventBus();
  private final MicrometerMetrics metrics = new MicrometerMetrics();

  @BeforeEach
  void openDatabase() throws Exception {
    config = databaseConfig();
    database = Database.open(config);
    new SchemaMigrations(database.dataSource()).applyHost();
  }

  /** The embedded default; {@link PipelinePostgresIT} runs the same tests on PostgreSQL. */
  DatabaseConfig databaseConfig() throws Exception {
    return new DatabaseConfig("jdbc:h2:file:" + folder.resolve("db"), "sa", Secret.of(""), 6);
  }

  @AfterEach
  void close() throws Exception {
    for (Pipeline other : otherInstances) {
      other.close();
    }
    if (pipeline != null) {
      pipeline.close();
    }
    otherPools.forEach(Database::close);
    if (database != null) { // null when the database could not be opened (PostgreSQL not configured)
      database.close();
    }
    metrics.close();
    events.close();
  }

  private Pipeline start() {
    pipeline = new Pipeline(database.dataSource(), Clock.systemUTC(), helpdesk, events, metrics,
        new PipelineConfig(2, Duration.ofMillis(50), Duration.ofMillis(200)), "Social", Duration.ofMillis(100));
    pipeline.start(new Extensions(List.of(), policies, List.of(), Map.of("sandbox", channel())));
    return pipeline;
  }

  /** This test's pipeline and {@code count - 1} more on the same database, like separate hosts: each has its own pool and instance id. */
  private List<Ingest> startInstances(int count) {
    List<Ingest> ingests = createInstances(count);
    startCreatedInstances();
    return ingests;
  }

  /** The instances' inboxes take posts at once; their workers run from {@link #startCreatedInstances}. */
  private List<Ingest> createInstances(int count) {
    pipeline = new Pipeline(database.dataSource(), Clock.systemUTC(), helpdesk, events, metrics,
        new PipelineConfig(2, Duration.ofMillis(50), Duration.ofMillis(200)), "Social", Duration.ofMillis(100));
    List<Ingest> ingests = new ArrayList<>(List.of(pipeline.ingest()));
    for (int i = 1; i < count; i++) {
      Database pool = Database.open(config);
      otherPools.add(pool);
      Pipeline other = new Pipeline(pool.dataSource(), Clock.systemUTC(), helpdesk, events, metrics,
          new PipelineConfig(4, Duration.ofMillis(50), Duration.ofMillis(200)), "Social", Duration.ofMillis(100));
      otherInstances.add(other);
      ingests.add(other.ingest());
    }
    return ingests;
  }

  private void startCreatedInstances() {
    pipeline.start(new Extensions(List.of(), policies, List.of(), Map.of("sandbox", channel())));
    for (Pipeline other : otherInstances) {
      other.start(new Extensions(List.of(), policies, List.of(), Map.of("sandbox", channel())));
    }
  }

  private static final int POSTS_PER_CONVERSATION = 10;
  private static final Instant BURST_START = Instant.parse("2026-11-20T09:00:00Z");

  /** Post {@code index} of a burst conversation: the first is its root, each is posted a second after the one before. */
  private static SocialPost burstPost(String conversation, int index) {
    String id = index == 0 ? conversation : conversation + "-" + index;
    return new SocialPost(new PostKey("sandbox", id), conversation, index == 0 ? null : conversation, Author.of("sandbox", "alice", "alice"),
        "post " + conversation + "#" + index + "#", BURST_START.plusSeconds(index), Visibility.PUBLIC, null, Engagement.NONE, Map.of());
  }

  /** Sends every post of every conversation at the same moment, each to one of the instances. */
  private static void sendAllAtOnce(List<Ingest> ingests, List<String> conversations) throws Exception {
    List<SocialPost> posts = new ArrayList<>();
    for (String conversation : conversations) {
      for (int i = 0; i < POSTS_PER_CONVERSATION; i++) {
        posts.add(burstPost(conversation, i));
      }
    }
    sendAtOnce(ingests, posts);
  }

  /** Sends the posts at the same moment, each to one of the instances in turn. */
  private static void sendAtOnce(List<Ingest> ingests, List<SocialPost> posts) throws Exception {
    List<Thread> senders = new ArrayList<>();
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int n = 0; n < posts.size(); n++) {
      Ingest ingest = ingests.get(n % ingests.size());
      SocialPost post = posts.get(n);
      senders.add(Thread.ofVirtual().start(() -> {
        try {
          go.await();
          assertThat(ingest.accept(new InboundEvent.NewPost(post))).isEqualTo(Ingest.Accepted.STORED);
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    go.countDown();
    for (Thread sender : senders) {
      sender.join();
    }
    assertThat(failures).isEmpty();
  }

  /** One sender per conversation sends its posts in posting order (each once the one before is stored), to the instances in turn. */
  private static void sendEachConversationInOrder(List<Ingest> ingests, List<String> conversations) throws Exception {
    List<Thread> senders = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int c = 0; c < conversations.size(); c++) {
      String conversation = conversations.get(c);
      int offset = c;
      senders.add(Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < POSTS_PER_CONVERSATION; i++) {
            Ingest ingest = ingests.get((offset + i) % ingests.size());
            assertThat(ingest.accept(new InboundEvent.NewPost(burstPost(conversation, i)))).isEqualTo(Ingest.Accepted.STORED);
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    for (Thread sender : senders) {
      sender.join();
    }
    assertThat(failures).isEmpty();
  }

  /** What one burst conversation's ticket holds: the posts' indexes in the order they were added, and its SocialPostId values. */
  private record BurstTicket(List<Integer> postsInOrder, List<String> postIds) {}

  private BurstTicket burstTicket(String conversation) {
    java.util.regex.Pattern marker = java.util.regex.Pattern.compile("post " + java.util.regex.Pattern.quote(conversation) + "#(\\d+)#");
    synchronized (helpdesk) {
      List<FakeHelpdesk.Ticket> tickets = helpdesk.tickets.values().stream()
          .filter(t -> marker.matcher(t.created().body()).find()
              || t.messages().stream().anyMatch(m -> marker.matcher(m.text()).find()))
          .toList();
      assertThat(tickets).as("tickets of " + conversation).hasSize(1);
      FakeHelpdesk.Ticket ticket = tickets.getFirst();
      List<Integer> order = new ArrayList<>();
      List<String> texts = new ArrayList<>(List.of(ticket.created().body()));
      ticket.messages().stream().filter(m -> m instanceof TicketMessage.CustomerPost).map(TicketMessage::text).forEach(texts::add);
      for (String text : texts) {
        java.util.regex.Matcher found = marker.matcher(text);
        if (found.find()) {
          order.add(Integer.parseInt(found.group(1)));
        }
      }
      return new BurstTicket(order, List.copyOf(ticket.postIds()));
    }
  }

  private static List<String> allPostIds(String conversation) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < POSTS_PER_CONVERSATION; i++) {
      ids.add(burstPost(conversation, i).key().toString());
    }
    return ids;
  }

  private long inboxCount(String state) {
    return new org.socialdesk.host.storage.Sql(database.dataSource())
        .queryOne("select count(*) from inbox where state = ?", row -> row.getLong(1), state).orElseThrow();
  }

  private void awaitAllRouted(int events) throws InterruptedException {
    awaitCondition(() -> inboxCount("done") == events, Duration.ofSeconds(60));
  }

  @Test
  void anEditOfAPostNeverSeenIsParkedAfterBoundedTriesShownToAdminsAndAppliedWhenThePostArrives() throws Exception {
    Ingest ingest = start().ingest();
    PostKey ghost = new PostKey("sandbox", "ghost");

    ingest.accept(new InboundEvent.PostEdited(ghost, "now with a typo fixed", Instant.parse("2026-11-20T08:20:00Z")));

    awaitCondition(() -> pipeline.status().parked() == 1, Duration.ofSeconds(30));
    Pipeline.Status parked = pipeline.status();
    assertThat(parked.pending()).isZero();
    assertThat(parked.oldestPendingSince()).isNull();
    assertThat(parked.parkedEvents()).singleElement().satisfies(event -> {
      assertThat(event.postId()).isEqualTo("ghost");
      assertThat(event.type()).isEqualTo("edit");
      assertThat(event.reason()).contains("the post sandbox:ghost has no ticket yet").contains("parked after " + InboxWorker.PARK_AFTER + " tries");
    });

    ingest.accept(new InboundEvent.NewPost(post("ghost", "ghost", null, "original text")));

    String ticket = awaitTicket("sandbox:ghost");
    awaitNote(ticket, "now with a typo fixed");
    awaitCondition(() -> pipeline.status().parked() == 0 && pipeline.status().pending() == 0);
  }

  /** What went wrong across the burst conversations' tickets, counted, so a failure says how much. */
  private record BurstDamage(int lostIds, int inversions, int addedTwice, List<String> details) {

    static final BurstDamage NONE = new BurstDamage(0, 0, 0, List.of());
  }

  private BurstDamage damage(List<String> conversations, boolean orderMatters) {
    int lost = 0;
    int inversions = 0;
    int twice = 0;
    List<String> details = new ArrayList<>();
    for (String conversation : conversations) {
      BurstTicket ticket = burstTicket(conversation);
      List<String> missing = new ArrayList<>(allPostIds(conversation));
      missing.removeAll(ticket.postIds());
      lost += missing.size();
      List<Integer> order = ticket.postsInOrder();
      int conversationInversions = 0;
      for (int i = 0; i < order.size(); i++) {
        for (int j = i + 1; j < order.size(); j++) {
          if (order.get(i) > order.get(j)) {
            conversationInversions++;
          }
        }
      }
      int added = (int) order.stream().distinct().count();
      twice += order.size() - added;
      lost += POSTS_PER_CONVERSATION - added; // a post never added at all
      if (orderMatters) {
        inversions += conversationInversions;
      }
      if (!missing.isEmpty() || order.size() != added || (orderMatters && conversationInversions > 0)) {
        details.add(conversation + ": SocialPostId lacks " + missing + ", posts added in order " + order);
      }
    }
    return new BurstDamage(lost, inversions, twice, details);
  }

  @Test
  void postsOfOneConversationSentAtOnceToThreeInstancesAllKeepTheirIdsAndNoneIsAddedTwice() throws Exception {
    List<Ingest> ingests = startInstances(3);
    List<String> conversations = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      conversations.add("burst" + round);
      sendAllAtOnce(ingests, List.of("burst" + round));
    }

    awaitAllRouted(conversations.size() * POSTS_PER_CONVERSATION);
    assertThat(damage(conversations, false)).isEqualTo(BurstDamage.NONE);
  }

  @Test
  void postsOfOtherConversationsJoiningATicketAtTheSameTimeAsItsOwnKeepEveryIdOfIt() throws Exception {
    List<Ingest> ingests = startInstances(3);
    int routed = 0;
    for (int round = 0; round < 5; round++) {
      String hub = "hub" + round;
      ingests.get(0).accept(new InboundEvent.NewPost(post(hub, hub, null, "the thread's first post")));
      String ticket = awaitTicket("sandbox:" + hub);
      List<SocialPost> joining = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        joining.add(post(hub + "-" + i, hub, hub, "more in the thread"));
        joining.add(quoting(hub + "-quote" + i, hub));
        joining.add(post(hub + "-answer" + i, hub + "-other" + i, hub, "an answer from a conversation of its own"));
      }

      sendAtOnce(ingests, joining);

      routed += 1 + joining.size();
      awaitAllRouted(routed);
      List<String> expected = new ArrayList<>(List.of("sandbox:" + hub));
      joining.forEach(post -> expected.add(post.key().toString()));
      synchronized (helpdesk) {
        assertThat(helpdesk.tickets.get(ticket).postIds()).as("SocialPostId of %s's ticket", hub)
            .containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  /** A post of a conversation of its own that quotes {@code quoted}. */
  private static SocialPost quoting(String id, String quoted) {
    return new SocialPost(new PostKey("sandbox", id), id, null, Author.of("sandbox", "bob", "bob"), "look at this",
        Instant.parse("2026-11-20T08:16:00Z"), Visibility.PUBLIC, null, Engagement.NONE, Map.of(SocialPost.QUOTED_POST_ID, quoted));
  }

  @Test
  void postsOfConversationsSentInOrderToThreeInstancesReachTheirTicketsInPostingOrder() throws Exception {
    List<Ingest> ingests = startInstances(3);
    List<String> conversations = List.of("ordered0", "ordered1", "ordered2", "ordered3", "ordered4");

    sendEachConversationInOrder(ingests, conversations);

    awaitAllRouted(conversations.size() * POSTS_PER_CONVERSATION);
    assertThat(damage(conversations, true)).isEqualTo(BurstDamage.NONE);
  }

  @Test
  void aBacklogOfConversationsStoredAtOnceIsRoutedInPostingOrderByThreeInstances() throws Exception {
    List<Ingest> ingests = createInstances(3);
    List<String> conversations = List.of("backlog0", "backlog1", "backlog2", "backlog3", "backlog4");
    sendAllAtOnce(ingests, conversations);

    startCreatedInstances();

    awaitAllRouted(conversations.size() * POSTS_PER_CONVERSATION);
    assertThat(damage(conversations, true)).isEqualTo(BurstDamage.NONE);
  }


  @Test
  void aPostWhoseNetworkTimeIsOutsideTheSaneWindowGetsTheTimeOfReceiptAndANoteOnTheTicket() throws Exception {
    Ingest ingest = start().ingest();
    Instant before = Instant.now();
    List<Instant> insane = List.of(Instant.MIN, Instant.parse("-999999999-01-01T00:00:00Z"), Instant.parse("0001-01-01T00:00:00Z"),
        Instant.parse("2099-01-01T00:00:00Z"), Instant.MAX);
    for (int i = 0; i < insane.size(); i++) {
      ingest.accept(new InboundEvent.NewPost(postAt("t" + i, insane.get(i))));
    }
    Instant after = Instant.now();

    for (int i = 0; i < insane.size(); i++) {
      FakeHelpdesk.Ticket ticket = helpdesk.tickets.get(awaitTicket("sandbox:t" + i));
      assertThat(ticket.created().createdAt()).isBetween(before, after);
      assertThat(ticket.created().body()).contains("the time " + insane.get(i)).contains("the time of receipt was used");
    }
  }

  @Test
  void aPostFromASaneTimeKeepsItAndHasNoNote() throws Exception {
    Ingest ingest = start().ingest();

    ingest.accept(new InboundEvent.NewPost(postAt("sane", Instant.parse("2006-01-01T00:00:00Z"))));

    FakeHelpdesk.Ticket ticket = helpdesk.tickets.get(awaitTicket("sandbox:sane"));
    assertThat(ticket.created().createdAt()).isEqualTo(Instant.parse("2006-01-01T00:00:00Z"));
    assertThat(ticket.created().body()).doesNotContain("time of receipt");
  }

  @Test
  void aPostBecomesOneTicketAndARedeliveryIsADuplicate() throws Exception {
    Ingest ingest = start().ingest();

    assertThat(ingest.accept(new InboundEvent.NewPost(post("1", "1", null, "hello")))).isEqualTo(Ingest.Accepted.STORED);
    assertThat(ingest.accept(new InboundEvent.NewPost(post("1", "1", null, "hello")))).isEqualTo(Ingest.Accepted.DUPLICATE);

    awaitTicket("sandbox:1");
    assertThat(helpdesk.tickets).hasSize(1);
    FakeHelpdesk.Ticket ticket = helpdesk.tickets.values().iterator().next();
    assertThat(ticket.created().queue()).isEqualTo("Social");
    assertThat(ticket.created().createdAt()).isEqualTo(Instant.parse("2026-11-20T08:15:00Z"));
    assertThat(ticket.fields()).containsEntry("Channel", "sandbox").containsEntry("SocialAuthor", "@alice");
  }

  @Test
  void postsOfOneConversationShareATicketAndARepliedToPostJoinsItsTicket() throws Exception {
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("10", "10", null, "first")));
    awaitTicket("sandbox:10");

    ingest.accept(new InboundEvent.NewPost(post("11", "10", "10", "second")));
    ingest.accept(new InboundEvent.NewPost(post("12", "other-thread", "11", "quote or reply elsewhere")));

    awaitTicket("sandbox:12");
    assertThat(helpdesk.tickets).hasSize(1);
    assertThat(helpdesk.ticketsWithPost("sandbox:11")).hasSize(1);
  }

  @Test
  void aPostQuotingAPostWithATicketJoinsThatTicket() throws Exception {
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("20", "20", null, "first")));
    awaitTicket("sandbox:20");

    SocialPost quote = post("21", "another-thread", null, "look at this");
    ingest.accept(new InboundEvent.NewPost(new SocialPost(quote.key(), quote.conversationId(), null, quote.author(), quote.text(),
        quote.postedAt(), quote.visibility(), null, quote.engagement(), Map.of(SocialPost.QUOTED_POST_ID, "20"))));

    awaitTicket("sandbox:21");
    assertThat(helpdesk.tickets).hasSize(1);
  }

  @Test
  void whileTheHelpdeskIsDownPostsWaitAndAllArriveLater() throws Exception {
    helpdesk.down = true;
    Ingest ingest = start().ingest();
    for (int i = 0; i < 5; i++) {
      ingest.accept(new InboundEvent.NewPost(post("d" + i, "d" + i, null, "text " + i)));
    }
    Thread.sleep(500);
    assertThat(helpdesk.tickets).isEmpty();
    Pipeline.Status waiting = pipeline.status();
    assertThat(waiting.pending()).isEqualTo(5);
    assertThat(waiting.oldestPendingSince()).isNotNull();
    assertThat(waiting.routedSinceStart()).isZero();

    helpdesk.down = false;

    for (int i = 0; i < 5; i++) {
      awaitTicket("sandbox:d" + i);
    }
    assertThat(helpdesk.tickets).hasSize(5);
    for (int i = 0; i < 100 && pipeline.status().routedSinceStart() < 5; i++) {
      Thread.sleep(50);
    }
    assertThat(pipeline.status()).isEqualTo(new Pipeline.Status(5, 0, null, 0, 0, List.of(), new Quarantine.Summary(0, List.of())));
  }

  @Test
  void whatCannotBeProcessedIsShownToAdminsWithItsReasonAndNeverRouted() throws Exception {
    Ingest ingest = start().ingest();

    ingest.accept(new InboundEvent.NewPost(post("..", "..", null, "dot dot")));
    ingest.quarantine("x", "{\"tweet_create_events\": [", "malformed JSON: unexpected end");

    Pipeline.Status status = pipeline.status();
    assertThat(status.quarantined().count()).isEqualTo(2);
    assertThat(status.quarantined().latest()).extracting(Quarantine.Entry::network, Quarantine.Entry::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple("x", "malformed JSON: unexpected end"),
        org.assertj.core.groups.Tuple.tuple("sandbox", "postId: the id '..' is a path segment of its own ('.' or '..')"));
    assertThat(status.pending()).isZero();
    assertThat(helpdesk.tickets).isEmpty();
  }

  @Test
  void aFailureAfterTheTicketExistsDoesNotCreateASecondOne() throws Exception {
    helpdesk.failAfterNextCreate = true;
    Ingest ingest = start().ingest();

    ingest.accept(new InboundEvent.NewPost(post("c1", "c1", null, "crash window")));

    awaitTicket("sandbox:c1");
    Thread.sleep(400);
    assertThat(helpdesk.ticketsWithPost("sandbox:c1")).hasSize(1);
    assertThat(helpdesk.tickets).hasSize(1);
  }

  @Test
  void aDatabaseFailureWhileRecordingARoutedPostRetriesItWithoutASecondTicket() throws Exception {
    Ingest ingest = start().ingest();
    try (var connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
      statement.execute("alter table post_ticket rename to post_ticket_away");
    }

    ingest.accept(new InboundEvent.NewPost(post("s1", "s1", null, "the database hiccups")));
    awaitTicket("sandbox:s1");
    Thread.sleep(300);
    try (var connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
      statement.execute("alter table post_ticket_away rename to post_ticket");
    }

    awaitInboxDone("s1");
    assertThat(helpdesk.ticketsWithPost("sandbox:s1")).hasSize(1);
    assertThat(helpdesk.tickets).hasSize(1);
  }

  @Test
  void anAgentsReplyIsPublishedOnceAndACommentNever() throws Exception {
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("r1", "r1", null, "question")));
    String ticket = awaitTicket("sandbox:r1");

    helpdesk.activity.add(new TicketActivity.Commented(ref(ticket), "5", "agent", Instant.now(), "internal only"));
    helpdesk.activity.add(new TicketActivity.Replied(ref(ticket), "6", "agent", Instant.now(), "Here is the answer"));

    awaitPublished(1);
    Thread.sleep(500);
    assertThat(published).extracting(OutgoingReply::text).containsExactly("Here is the answer");
    assertThat(published.getFirst().inReplyTo()).isEqualTo(new PostKey("sandbox", "r1"));
    assertThat(notes(ticket)).anySatisfy(note -> assertThat(note).startsWith("Published on sandbox"));
    assertThat(new PublicationLog(database.dataSource()).since(Instant.EPOCH, 10)).singleElement()
        .satisfies(entry -> assertThat(entry).extracting(PublicationLog.Entry::agent, PublicationLog.Entry::state, PublicationLog.Entry::text)
            .containsExactly("agent", "published", "Here is the answer"));
  }

  @Test
  void aRoutedPostIsDoneOnlyOnceTheListenersTookItAndARetryAfterAFailedListenerMakesNoSecondTicket() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    events.subscribe(SocialdeskEvent.PostRouted.class, routed -> {
      seen.add(routed.post().key() + (routed.newTicket() ? " new" : " joined"));
      if (seen.size() == 1) {
        throw new IllegalStateException("plugin database is down");
      }
    });
    Ingest ingest = start().ingest();

    ingest.accept(new InboundEvent.NewPost(post("p1", "p1", null, "where is my order?")));

    awaitInboxDone("p1");
    assertThat(seen).containsExactly("sandbox:p1 new", "sandbox:p1 new");
    assertThat(helpdesk.tickets).hasSize(1);
  }

  @Test
  void aListenerThatNeverTakesTheRoutedPostIsGivenUpOnAfterThreeTriesAndThePostIsDone() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    events.subscribe(SocialdeskEvent.PostRouted.class, routed -> {
      seen.add(routed.post().key().toString());
      throw new IllegalStateException("a bug in the plugin");
    });
    Ingest ingest = start().ingest();

    ingest.accept(new InboundEvent.NewPost(post("p2", "p2", null, "hello?")));

    awaitInboxDone("p2");
    assertThat(seen).containsExactly("sandbox:p2", "sandbox:p2", "sandbox:p2");
    assertThat(helpdesk.tickets).hasSize(1);
  }

  @Test
  void aListenerThatFailsToTakeAPublishedReplyGetsItAgainAndTheReplyGoesOutOnce() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    events.subscribe(SocialdeskEvent.ReplyPublished.class, reply -> {
      seen.add(reply.ticket().id());
      if (seen.size() == 1) {
        throw new IllegalStateException("SLA database is down");
      }
    });
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("rp1", "rp1", null, "question")));
    String ticket = awaitTicket("sandbox:rp1");

    helpdesk.activity.add(new TicketActivity.Replied(ref(ticket), "40", "agent", Instant.now(), "Answer"));

    awaitPublished(1);
    awaitCondition(() -> seen.size() == 2);
    Thread.sleep(300);
    assertThat(seen).containsExactly(ticket, ticket);
    assertThat(published).extracting(OutgoingReply::text).containsExactly("Answer");
  }

  @Test
  void aListenerThatFailsGetsTheHelpdeskEventAgainAndRepliesOnTheSamePageStillGoOut() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    events.subscribe(SocialdeskEvent.TicketOpened.class, opened -> {
      seen.add(opened.ticket().id());
      if (seen.size() == 1) {
        throw new IllegalStateException("plugin database is down");
      }
    });
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("o1", "o1", null, "question")));
    String ticket = awaitTicket("sandbox:o1");

    helpdesk.activity.add(new TicketActivity.Opened(ref("e1"), "20", "customer", Instant.now(), "General", "Refund", "by e-mail"));
    helpdesk.activity.add(new TicketActivity.Replied(ref(ticket), "21", "agent", Instant.now(), "Answer"));

    awaitPublished(1);
    awaitCondition(() -> seen.size() == 2 && cursor().equals(Integer.toString(helpdesk.activity.size())));
    assertThat(seen).containsExactly("e1", "e1");
    assertThat(published).extracting(OutgoingReply::text).containsExactly("Answer");
  }

  @Test
  void aListenerThatNeverTakesAnEventIsGivenUpOnAfterThreeTriesAndLaterActivityFlows() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    events.subscribe(SocialdeskEvent.TicketOpened.class, opened -> {
      seen.add(opened.ticket().id());
      if (opened.ticket().id().equals("e2")) {
        throw new IllegalStateException("a bug in the plugin");
      }
    });
    start();
    awaitCondition(() -> !cursor().isEmpty()); // the poller has read the (empty) activity once

    helpdesk.activity.add(new TicketActivity.Opened(ref("e2"), "22", "customer", Instant.now(), "General", "Broken", "by e-mail"));
    awaitCondition(() -> cursor().equals(Integer.toString(helpdesk.activity.size())));
    helpdesk.activity.add(new TicketActivity.Opened(ref("e3"), "23", "customer", Instant.now(), "General", "Fine", "by e-mail"));

    awaitCondition(() -> seen.contains("e3"));
    assertThat(seen).containsExactly("e2", "e2", "e2", "e3");
  }

  @Test
  void helpdeskEventsNotYetTakenWhenTheHostStoppedAreDeliveredAfterTheRestart() throws Exception {
    java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
    EventBus.Subscription failing = events.subscribe(SocialdeskEvent.FieldChanged.class, changed -> {
      failures.incrementAndGet();
      throw new IllegalStateException("plugin database is down");
    });
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("f1", "f1", null, "meh")));
    String ticket = awaitTicket("sandbox:f1");
    awaitCondition(() -> !cursor().isEmpty()); // the activity reader has made its first read
    String before = cursor();
    helpdesk.activity.add(new TicketActivity.FieldChanged(ref(ticket), "30", "alice", Instant.now(), "Sentiment", "negative", "neutral"));
    awaitCondition(() -> failures.get() >= 1); // a failed delivery, fewer than the tries allowed
    pipeline.close();
    pipeline = null;
    failing.close();
    assertThat(cursor()).isEqualTo(before);

    List<String> corrections = new CopyOnWriteArrayList<>();
    events.subscribe(SocialdeskEvent.FieldChanged.class, changed -> corrections.add(changed.ticket().id() + "=" + changed.newValue()));
    start();

    awaitCondition(() -> !corrections.isEmpty());
    assertThat(corrections).containsExactly(ticket + "=neutral");
  }

  @Test
  void aPrivateReplyWithAFollowUpIsPublishedFirstAndTheFollowUpAnswersTheCustomersPublicPost() throws Exception {
    policies.add(new ReplyPolicy() {
      @Override
      public String name() {
        return "dm";
      }

      @Override
      public ReplyDecision review(ReplyDraft draft) {
        String text = draft.parts().getFirst();
        return new ReplyDecision.Allow(text.startsWith("/dm ")
            ? draft.withVisibility(Visibility.PRIVATE).withParts(List.of(text.substring(4)))
            : draft);
      }

      @Override
      public List<ReplyDraft> followUps(ReplyDraft original) {
        return List.of(original.withParts(List.of("We've sent you a DM.")));
      }
    });
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("p1", "p1", null, "my order?")));
    String ticket = awaitTicket("sandbox:p1");

    helpdesk.activity.add(new TicketActivity.Replied(ref(ticket), "9", "agent", Instant.now(), "/dm Your order 123 ships today"));

    awaitPublished(2);
    assertThat(published).extracting(OutgoingReply::visibility, OutgoingReply::text).containsExactly(
        tuple(Visibility.PRIVATE, "Your order 123 ships today"),
        tuple(Visibility.PUBLIC, "We've sent you a DM."));
    assertThat(published.get(1).inReplyTo()).isEqualTo(new PostKey("sandbox", "p1"));
    awaitNote(ticket, "Published on sandbox:\nprivate message ");
  }

  @Test
  void aFollowUpThatAPolicyHoldsIsLeftOutAndTheReplyStillGoesOut() throws Exception {
    policies.add(new ReplyPolicy() {
      @Override
      public String name() {
        return "no-public-notes";
      }

      @Override
      public ReplyDecision review(ReplyDraft draft) {
        return draft.parts().getFirst().startsWith("Note") ? new ReplyDecision.Hold("notes are off", "none") : new ReplyDecision.Allow(draft);
      }

      @Override
      public List<ReplyDraft> followUps(ReplyDraft original) {
        return List.of(original.withParts(List.of("Note: we replied")));
      }
    });
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("p2", "p2", null, "hello?")));
    String ticket = awaitTicket("sandbox:p2");

    helpdesk.activity.add(new TicketActivity.Replied(ref(ticket), "10", "agent", Instant.now(), "Hello!"));

    awaitPublished(1);
    awaitNote(ticket, "Socialdesk left out the follow-up \"Note: we replied\": notes are off");
    Thread.sleep(300);
    assertThat(published).extracting(OutgoingReply::text).containsExactly("Hello!");
  }

  @Test
  void aTemporaryRefusalIsRetriedAndPublishedOnce() throws Exception {
    scriptedOutcomes.add(new PublishOutcome.RetryLater(Duration.ofMillis(100), "429"));
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("t1", "t1", null, "question")));
    String ticket = awaitTicket("sandbox:t1");

    helpdesk.activity.add(new TicketActivity.Replied(ref(ticket), "7", "agent", Instant.now(), "Answer after a 429"));

    awaitPublished(1);
    Thread.sleep(300);
    assertThat(published).hasSize(1);
  }

  @Test
  void aHeldReplyIsNotPublishedAndTheTicketSaysWhy() throws Exception {
    policies.add(new ReplyPolicy() {
      @Override
      public String name() {
        return "no-cards";
      }

      @Override
      public ReplyDecision review(ReplyDraft draft) {
        return new ReplyDecision.Hold("it contains a card number", "send it privately with /dm");
      }
    });
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("h1", "h1", null, "question")));
    String ticket = awaitTicket("sandbox:h1");

    helpdesk.activity.add(new TicketActivity.Replied(ref(ticket), "8", "agent", Instant.now(), "4242 4242 4242 4242"));

    awaitNote(ticket, "Socialdesk held this reply: it contains a card number");
    assertThat(published).isEmpty();
    assertThat(helpdesk.tickets.get(ticket).fields()).containsEntry("ReplyStatus", "held");
  }

  @Test
  void aReplyLongerThanTheNetworkAllowsIsHeldNeverCut() throws Exception {
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("l1", "l1", null, "question")));
    String ticket = awaitTicket("sandbox:l1");

    helpdesk.activity.add(new TicketActivity.Replied(ref(ticket), "9", "agent", Instant.now(), "x".repeat(300)));

    awaitNote(ticket, "it is 300 characters long and sandbox allows 280");
    assertThat(published).isEmpty();
  }

  private ChannelConnector channel() {
    ReplyPublisher publisher = reply -> {
      synchronized (published) {
        if (!scriptedOutcomes.isEmpty()) {
          return scriptedOutcomes.removeFirst();
        }
        published.add(reply);
        return new PublishOutcome.Published("remote-" + published.size(), URI.create("sandbox://brand/" + published.size()), Instant.now());
      }
    };
    return new ChannelConnector() {
      @Override
      public String network() {
        return "sandbox";
      }

      @Override
      public TextLimit textLimit() {
        return TextLimit.codePoints(280, 10000);
      }

      @Override
      public Optional<ReplyPublisher> publisher() {
        return Optional.of(publisher);
      }
    };
  }

  private static SocialPost postAt(String id, Instant postedAt) {
    return new SocialPost(new PostKey("sandbox", id), id, null, Author.of("sandbox", "alice", "alice"), "hello",
        postedAt, Visibility.PUBLIC, null, Engagement.NONE, Map.of());
  }

  private static SocialPost post(String id, String conversation, String inReplyTo, String text) {
    return new SocialPost(new PostKey("sandbox", id), conversation, inReplyTo, Author.of("sandbox", "alice", "alice"), text,
        Instant.parse("2026-11-20T08:15:00Z"), Visibility.PUBLIC, null, Engagement.NONE, Map.of());
  }

  private TicketRef ref(String id) {
    return new TicketRef("fake", id);
  }

  private List<String> notes(String ticket) {
    synchronized (helpdesk) {
      return helpdesk.tickets.get(ticket).messages().stream()
          .filter(m -> m instanceof TicketMessage.InternalNote).map(TicketMessage::text).toList();
    }
  }

  private String cursor() {
    return new HostSettings(new org.socialdesk.host.storage.Sql(database.dataSource()), Clock.systemUTC()).get(ActivityPoller.CURSOR).orElse("");
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
    awaitCondition(condition, Duration.ofSeconds(10));
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline && !condition.getAsBoolean()) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as("condition met within " + within).isTrue();
  }

  private String awaitTicket(String postKey) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      List<FakeHelpdesk.Ticket> found = helpdesk.ticketsWithPost(postKey);
      if (!found.isEmpty()) {
        return found.getFirst().id();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no ticket for " + postKey);
  }

  private void awaitInboxDone(String postId) throws Exception {
    for (int i = 0; i < 100; i++) {
      try (var connection = database.dataSource().getConnection();
          var statement = connection.prepareStatement("select state from inbox where post_id = ?")) {
        statement.setString(1, postId);
        try (var rows = statement.executeQuery()) {
          if (rows.next() && rows.getString(1).equals("done")) {
            return;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("post " + postId + " never recorded as done");
  }

  private void awaitPublished(int count) throws InterruptedException {
    for (int i = 0; i < 100 && published.size() < count; i++) {
      Thread.sleep(50);
    }
    assertThat(published).hasSizeGreaterThanOrEqualTo(count);
  }

  private void awaitNote(String ticket, String fragment) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (notes(ticket).stream().anyMatch(n -> n.contains(fragment))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no note containing '" + fragment + "' in " + notes(ticket));
  }
}
