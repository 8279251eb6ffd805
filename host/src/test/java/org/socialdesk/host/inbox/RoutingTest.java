package org.socialdesk.host.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.host.pipeline.PipelineFixture.WAIT;
import static org.socialdesk.host.pipeline.PipelineFixture.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.pipeline.FakeHelpdesk;
import org.socialdesk.host.pipeline.Pipeline;
import org.socialdesk.host.pipeline.PipelineFixture;
import org.socialdesk.host.plugin.Extensions;

/**
 * Posts from the inbox to their tickets, through whole host instances ({@link Pipeline}) on a real
 * database (H2 here; PostgreSQL in {@link RoutingPostgresIT}) with an in-memory helpdesk.
 */
class RoutingTest {

  @TempDir Path folder;

  private PipelineFixture fixture;
  private FakeHelpdesk helpdesk;
  private InProcessEventBus events;
  private Pipeline pipeline;

  /** The embedded default; {@link RoutingPostgresIT} runs the same tests on PostgreSQL. */
  PipelineFixture openFixture() throws Exception {
    return PipelineFixture.onH2(folder, 6);
  }

  @BeforeEach
  void open() throws Exception {
    fixture = openFixture();
    helpdesk = fixture.helpdesk;
    events = fixture.newBus();
  }

  @AfterEach
  void close() throws Exception {
    if (fixture != null) { // null when the database could not be opened (PostgreSQL not configured)
      fixture.close();
    }
  }

  private Pipeline start() {
    pipeline = fixture.start(events, Extensions.NONE);
    return pipeline;
  }

  /**
   * This test's pipeline and {@code count - 1} more on the same database, like separate hosts: each
   * has its own pool and instance id.
   */
  private List<Ingest> startInstances(int count) {
    List<Ingest> ingests = createInstances(count);
    startCreatedInstances();
    return ingests;
  }

  private final List<Pipeline> instances = new ArrayList<>();

  /**
   * The instances' inboxes take posts at once; their workers run from {@link
   * #startCreatedInstances}.
   */
  private List<Ingest> createInstances(int count) {
    pipeline = fixture.create(events, false, 2);
    instances.add(pipeline);
    for (int i = 1; i < count; i++) {
      instances.add(fixture.create(events, true, 4));
    }
    return instances.stream().map(Pipeline::ingest).toList();
  }

  private void startCreatedInstances() {
    instances.forEach(instance -> instance.start(Extensions.NONE));
  }

  private static SocialPost post(String id, String conversation, String inReplyTo, String text) {
    return PipelineFixture.post(id, conversation, inReplyTo, text, PipelineFixture.POSTED);
  }

  private static SocialPost postAt(String id, Instant postedAt) {
    return PipelineFixture.post(id, id, null, "hello", postedAt);
  }

  private String awaitTicket(String postKey) {
    return fixture.awaitTicket(postKey);
  }

  private void awaitNote(String ticket, String fragment) {
    fixture.awaitNote(ticket, fragment);
  }

  private static final int POSTS_PER_CONVERSATION = 10;
  private static final Instant BURST_START = Instant.parse("2026-11-20T09:00:00Z");

  /**
   * Post {@code index} of a burst conversation: the first is its root, each is posted a second
   * after the one before.
   */
  private static SocialPost burstPost(String conversation, int index) {
    String id = index == 0 ? conversation : conversation + "-" + index;
    return new SocialPost(
        new PostKey("sandbox", id),
        conversation,
        index == 0 ? null : conversation,
        Author.of("sandbox", "alice", "alice"),
        "post " + conversation + "#" + index + "#",
        BURST_START.plusSeconds(index),
        Visibility.PUBLIC,
        null,
        Engagement.NONE,
        Map.of());
  }

  /** Sends every post of every conversation at the same moment, each to one of the instances. */
  private static void sendAllAtOnce(List<Ingest> ingests, List<String> conversations)
      throws Exception {
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
    CountDownLatch go = new CountDownLatch(1);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int n = 0; n < posts.size(); n++) {
      Ingest ingest = ingests.get(n % ingests.size());
      SocialPost post = posts.get(n);
      senders.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      go.await();
                      assertThat(ingest.accept(new InboundEvent.NewPost(post)))
                          .isEqualTo(Ingest.Accepted.STORED);
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

  /**
   * One sender per conversation sends its posts in posting order (each once the one before is
   * stored), to the instances in turn.
   */
  private static void sendEachConversationInOrder(List<Ingest> ingests, List<String> conversations)
      throws Exception {
    List<Thread> senders = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int c = 0; c < conversations.size(); c++) {
      String conversation = conversations.get(c);
      int offset = c;
      senders.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      for (int i = 0; i < POSTS_PER_CONVERSATION; i++) {
                        Ingest ingest = ingests.get((offset + i) % ingests.size());
                        assertThat(
                                ingest.accept(new InboundEvent.NewPost(burstPost(conversation, i))))
                            .isEqualTo(Ingest.Accepted.STORED);
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

  /**
   * What one burst conversation's ticket holds: the posts' indexes in the order they were added,
   * and its SocialPostId values.
   */
  private record BurstTicket(List<Integer> postsInOrder, List<String> postIds) {}

  private BurstTicket burstTicket(String conversation) {
    Pattern marker = Pattern.compile("post " + Pattern.quote(conversation) + "#(\\d+)#");
    synchronized (helpdesk) {
      List<FakeHelpdesk.Ticket> tickets =
          helpdesk.tickets.values().stream()
              .filter(
                  t ->
                      marker.matcher(t.created().body()).find()
                          || t.messages().stream().anyMatch(m -> marker.matcher(m.text()).find()))
              .toList();
      assertThat(tickets).as("tickets of " + conversation).hasSize(1);
      FakeHelpdesk.Ticket ticket = tickets.getFirst();
      List<Integer> order = new ArrayList<>();
      List<String> texts = new ArrayList<>(List.of(ticket.created().body()));
      ticket.messages().stream()
          .filter(m -> m instanceof TicketMessage.CustomerPost)
          .map(TicketMessage::text)
          .forEach(texts::add);
      for (String text : texts) {
        Matcher found = marker.matcher(text);
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

  private void awaitAllRouted(int events) {
    await().atMost(Duration.ofSeconds(60)).until(() -> fixture.inboxCount("done") == events);
  }

  @Test
  void anEditOfAPostNeverSeenIsParkedAfterBoundedTriesShownToAdminsAndAppliedWhenThePostArrives()
      throws Exception {
    Ingest ingest = start().ingest();
    PostKey ghost = new PostKey("sandbox", "ghost");

    ingest.accept(
        new InboundEvent.PostEdited(
            ghost, "now with a typo fixed", Instant.parse("2026-11-20T08:20:00Z")));

    await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.status().parked() == 1);
    Backlog parked = pipeline.status();
    assertThat(parked.pending()).isZero();
    assertThat(parked.oldestPendingSince()).isNull();
    assertThat(parked.parkedEvents())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.postId()).isEqualTo("ghost");
              assertThat(event.type()).isEqualTo("edit");
              assertThat(event.reason())
                  .contains("the post sandbox:ghost has no ticket yet")
                  .contains("parked after " + InboxWorker.PARK_AFTER + " tries");
            });

    ingest.accept(new InboundEvent.NewPost(post("ghost", "ghost", null, "original text")));

    String ticket = awaitTicket("sandbox:ghost");
    awaitNote(ticket, "now with a typo fixed");
    await()
        .atMost(WAIT)
        .until(() -> pipeline.status().parked() == 0 && pipeline.status().pending() == 0);
  }

  /**
   * What went wrong across the burst conversations' tickets, counted, so a failure says how much.
   */
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
      if (!missing.isEmpty()
          || order.size() != added
          || (orderMatters && conversationInversions > 0)) {
        details.add(
            conversation + ": SocialPostId lacks " + missing + ", posts added in order " + order);
      }
    }
    return new BurstDamage(lost, inversions, twice, details);
  }

  @Test
  void postsOfOneConversationSentAtOnceToThreeInstancesAllKeepTheirIdsAndNoneIsAddedTwice()
      throws Exception {
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
  void postsOfOtherConversationsJoiningATicketAtTheSameTimeAsItsOwnKeepEveryIdOfIt()
      throws Exception {
    List<Ingest> ingests = startInstances(3);
    int routed = 0;
    for (int round = 0; round < 5; round++) {
      String hub = "hub" + round;
      ingests
          .get(0)
          .accept(new InboundEvent.NewPost(post(hub, hub, null, "the thread's first post")));
      String ticket = awaitTicket("sandbox:" + hub);
      List<SocialPost> joining = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        joining.add(post(hub + "-" + i, hub, hub, "more in the thread"));
        joining.add(quoting(hub + "-quote" + i, hub));
        joining.add(
            post(
                hub + "-answer" + i,
                hub + "-other" + i,
                hub,
                "an answer from a conversation of its own"));
      }

      sendAtOnce(ingests, joining);

      routed += 1 + joining.size();
      awaitAllRouted(routed);
      List<String> expected = new ArrayList<>(List.of("sandbox:" + hub));
      joining.forEach(post -> expected.add(post.key().toString()));
      synchronized (helpdesk) {
        assertThat(helpdesk.tickets.get(ticket).postIds())
            .as("SocialPostId of %s's ticket", hub)
            .containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  /** A post of a conversation of its own that quotes {@code quoted}. */
  private static SocialPost quoting(String id, String quoted) {
    return new SocialPost(
        new PostKey("sandbox", id),
        id,
        null,
        Author.of("sandbox", "bob", "bob"),
        "look at this",
        Instant.parse("2026-11-20T08:16:00Z"),
        Visibility.PUBLIC,
        null,
        Engagement.NONE,
        Map.of(SocialPost.QUOTED_POST_ID, quoted));
  }

  @Test
  void postsOfConversationsSentInOrderToThreeInstancesReachTheirTicketsInPostingOrder()
      throws Exception {
    List<Ingest> ingests = startInstances(3);
    List<String> conversations =
        List.of("ordered0", "ordered1", "ordered2", "ordered3", "ordered4");

    sendEachConversationInOrder(ingests, conversations);

    awaitAllRouted(conversations.size() * POSTS_PER_CONVERSATION);
    assertThat(damage(conversations, true)).isEqualTo(BurstDamage.NONE);
  }

  @Test
  void aBacklogOfConversationsStoredAtOnceIsRoutedInPostingOrderByThreeInstances()
      throws Exception {
    List<Ingest> ingests = createInstances(3);
    List<String> conversations =
        List.of("backlog0", "backlog1", "backlog2", "backlog3", "backlog4");
    sendAllAtOnce(ingests, conversations);

    startCreatedInstances();

    awaitAllRouted(conversations.size() * POSTS_PER_CONVERSATION);
    assertThat(damage(conversations, true)).isEqualTo(BurstDamage.NONE);
  }

  @Test
  void aPostWhoseNetworkTimeIsOutsideTheSaneWindowGetsTheTimeOfReceiptAndANoteOnTheTicket()
      throws Exception {
    Ingest ingest = start().ingest();
    Instant before = Instant.now();
    List<Instant> insane =
        List.of(
            Instant.MIN,
            Instant.parse("-999999999-01-01T00:00:00Z"),
            Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("2099-01-01T00:00:00Z"),
            Instant.MAX);
    for (int i = 0; i < insane.size(); i++) {
      ingest.accept(new InboundEvent.NewPost(postAt("t" + i, insane.get(i))));
    }
    Instant after = Instant.now();

    for (int i = 0; i < insane.size(); i++) {
      FakeHelpdesk.Ticket ticket = helpdesk.tickets.get(awaitTicket("sandbox:t" + i));
      assertThat(ticket.created().createdAt()).isBetween(before, after);
      assertThat(ticket.created().body())
          .contains("the time " + insane.get(i))
          .contains("the time of receipt was used");
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

    assertThat(ingest.accept(new InboundEvent.NewPost(post("1", "1", null, "hello"))))
        .isEqualTo(Ingest.Accepted.STORED);
    assertThat(ingest.accept(new InboundEvent.NewPost(post("1", "1", null, "hello"))))
        .isEqualTo(Ingest.Accepted.DUPLICATE);

    awaitTicket("sandbox:1");
    assertThat(helpdesk.tickets).hasSize(1);
    FakeHelpdesk.Ticket ticket = helpdesk.tickets.values().iterator().next();
    assertThat(ticket.created().queue()).isEqualTo("Social");
    assertThat(ticket.created().createdAt()).isEqualTo(Instant.parse("2026-11-20T08:15:00Z"));
    assertThat(ticket.fields())
        .containsEntry("Channel", "sandbox")
        .containsEntry("SocialAuthor", "@alice");
  }

  @Test
  void postsOfOneConversationShareATicketAndARepliedToPostJoinsItsTicket() throws Exception {
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("10", "10", null, "first")));
    awaitTicket("sandbox:10");

    ingest.accept(new InboundEvent.NewPost(post("11", "10", "10", "second")));
    ingest.accept(
        new InboundEvent.NewPost(post("12", "other-thread", "11", "quote or reply elsewhere")));

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
    ingest.accept(
        new InboundEvent.NewPost(
            new SocialPost(
                quote.key(),
                quote.conversationId(),
                null,
                quote.author(),
                quote.text(),
                quote.postedAt(),
                quote.visibility(),
                null,
                quote.engagement(),
                Map.of(SocialPost.QUOTED_POST_ID, "20"))));

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
    await().atMost(WAIT).until(() -> pipeline.status().pending() == 5);
    await()
        .during(Duration.ofMillis(500))
        .atMost(WAIT)
        .until(() -> helpdesk.tickets.isEmpty() && pipeline.status().routedSinceStart() == 0);
    Backlog waiting = pipeline.status();
    assertThat(waiting.pending()).isEqualTo(5);
    assertThat(waiting.oldestPendingSince()).isNotNull();
    assertThat(waiting.routedSinceStart()).isZero();

    helpdesk.down = false;

    for (int i = 0; i < 5; i++) {
      awaitTicket("sandbox:d" + i);
    }
    assertThat(helpdesk.tickets).hasSize(5);
    await().atMost(WAIT).until(() -> pipeline.status().routedSinceStart() == 5);
    assertThat(pipeline.status())
        .isEqualTo(new Backlog(5, 0, null, 0, 0, List.of(), new Quarantine.Summary(0, List.of())));
  }

  @Test
  void whatCannotBeProcessedIsShownToAdminsWithItsReasonAndNeverRouted() throws Exception {
    Ingest ingest = start().ingest();

    ingest.accept(new InboundEvent.NewPost(post("..", "..", null, "dot dot")));
    ingest.quarantine("x", "{\"tweet_create_events\": [", "malformed JSON: unexpected end");

    Backlog status = pipeline.status();
    assertThat(status.quarantined().count()).isEqualTo(2);
    assertThat(status.quarantined().latest())
        .extracting(Quarantine.Entry::network, Quarantine.Entry::reason)
        .containsExactly(
            Tuple.tuple("x", "malformed JSON: unexpected end"),
            Tuple.tuple(
                "sandbox", "postId: the id '..' is a path segment of its own ('.' or '..')"));
    assertThat(status.pending()).isZero();
    assertThat(helpdesk.tickets).isEmpty();
  }

  @Test
  void aFailureAfterTheTicketExistsDoesNotCreateASecondOne() throws Exception {
    helpdesk.failAfterNextCreate = true;
    Ingest ingest = start().ingest();

    ingest.accept(new InboundEvent.NewPost(post("c1", "c1", null, "crash window")));

    awaitTicket("sandbox:c1");
    fixture.awaitInboxDone("c1");
    await()
        .during(Duration.ofMillis(400))
        .atMost(WAIT)
        .until(
            () ->
                helpdesk.ticketsWithPost("sandbox:c1").size() == 1 && helpdesk.tickets.size() == 1);
  }

  @Test
  void aDatabaseFailureWhileRecordingARoutedPostRetriesItWithoutASecondTicket() throws Exception {
    Ingest ingest = start().ingest();
    try (var connection = fixture.dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("alter table post_ticket rename to post_ticket_away");
    }

    ingest.accept(new InboundEvent.NewPost(post("s1", "s1", null, "the database hiccups")));
    awaitTicket("sandbox:s1");
    await()
        .atMost(WAIT)
        .until(
            () ->
                fixture
                    .sql()
                    .queryOne(
                        "select last_error from inbox where post_id = ?",
                        row -> String.valueOf(row.getString(1)),
                        "s1")
                    .orElse("")
                    .startsWith("the outcome could not be stored"));
    try (var connection = fixture.dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("alter table post_ticket_away rename to post_ticket");
    }

    fixture.awaitInboxDone("s1");
    assertThat(helpdesk.ticketsWithPost("sandbox:s1")).hasSize(1);
    assertThat(helpdesk.tickets).hasSize(1);
  }

  @Test
  void aRoutedPostIsDoneOnlyOnceTheListenersTookItAndARetryAfterAFailedListenerMakesNoSecondTicket()
      throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    events.subscribe(
        SocialdeskEvent.PostRouted.class,
        routed -> {
          seen.add(routed.post().key() + (routed.newTicket() ? " new" : " joined"));
          if (seen.size() == 1) {
            throw new IllegalStateException("plugin database is down");
          }
        });
    Ingest ingest = start().ingest();

    ingest.accept(new InboundEvent.NewPost(post("p1", "p1", null, "where is my order?")));

    fixture.awaitInboxDone("p1");
    assertThat(seen).containsExactly("sandbox:p1 new", "sandbox:p1 new");
    assertThat(helpdesk.tickets).hasSize(1);
  }

  @Test
  void aListenerThatNeverTakesTheRoutedPostIsGivenUpOnAfterThreeTriesAndThePostIsDone()
      throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    events.subscribe(
        SocialdeskEvent.PostRouted.class,
        routed -> {
          seen.add(routed.post().key().toString());
          throw new IllegalStateException("a bug in the plugin");
        });
    Ingest ingest = start().ingest();

    ingest.accept(new InboundEvent.NewPost(post("p2", "p2", null, "hello?")));

    fixture.awaitInboxDone("p2");
    assertThat(seen).containsExactly("sandbox:p2", "sandbox:p2", "sandbox:p2");
    assertThat(helpdesk.tickets).hasSize(1);
  }
}
