package org.socialdesk.host.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.socialdesk.host.pipeline.PipelineFixture.WAIT;
import static org.socialdesk.host.pipeline.PipelineFixture.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.pipeline.FakeHelpdesk;
import org.socialdesk.host.pipeline.Pipeline;
import org.socialdesk.host.pipeline.PipelineFixture;

/**
 * Agents' replies from the helpdesk to the network and their outcome back to the ticket, through a
 * whole host instance ({@link Pipeline}) on a real database (H2 here; PostgreSQL in {@link
 * ReplyPathPostgresIT}) with an in-memory helpdesk and network.
 */
class ReplyPathTest {

  @TempDir Path folder;

  private PipelineFixture fixture;
  private FakeHelpdesk helpdesk;
  private InProcessEventBus events;
  private Pipeline pipeline;
  private final List<OutgoingReply> published = new ArrayList<>();
  private final List<PublishOutcome> scriptedOutcomes = new ArrayList<>();
  private final List<ReplyPolicy> policies = new ArrayList<>();

  /** The embedded default; {@link ReplyPathPostgresIT} runs the same tests on PostgreSQL. */
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
    pipeline = fixture.start(events, PipelineFixture.extensions(policies, channel()));
    // A first read starts from the helpdesk's present, so activity a test adds before it would be
    // passed over by design; the tests add theirs after it.
    await().atMost(WAIT).alias("the activity reader's first read").until(() -> !cursor().isEmpty());
    return pipeline;
  }

  @Test
  void anAgentsReplyIsPublishedOnceAndACommentNever() throws Exception {
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("r1", "r1", null, "question")));
    String ticket = awaitTicket("sandbox:r1");

    helpdesk.activity.add(
        new TicketActivity.Commented(ref(ticket), "5", "agent", Instant.now(), "internal only"));
    helpdesk.activity.add(
        new TicketActivity.Replied(ref(ticket), "6", "agent", Instant.now(), "Here is the answer"));

    awaitPublished(1);
    fixture.awaitNote(ticket, "Published on sandbox");
    publishedStays(1, Duration.ofMillis(500));
    assertThat(published).extracting(OutgoingReply::text).containsExactly("Here is the answer");
    assertThat(published.getFirst().inReplyTo()).isEqualTo(new PostKey("sandbox", "r1"));
    assertThat(notes(ticket))
        .anySatisfy(note -> assertThat(note).startsWith("Published on sandbox"));
    assertThat(new PublicationLog(fixture.dataSource()).since(Instant.EPOCH, 10))
        .singleElement()
        .satisfies(
            entry ->
                assertThat(entry)
                    .extracting(
                        PublicationLog.Entry::agent,
                        PublicationLog.Entry::state,
                        PublicationLog.Entry::text)
                    .containsExactly("agent", "published", "Here is the answer"));
  }

  @Test
  void aReplyOnATicketCreatedButNotYetRecordedWaitsForItAndIsPublished() throws Exception {
    helpdesk.failAfterNextCreate = true; // created, then the answer is lost: the inbox retries
    helpdesk.searchDown = true; // and its retries cannot find the ticket yet
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("early1", "early1", null, "question")));
    String ticket = awaitTicket("sandbox:early1");

    helpdesk.activity.add(
        new TicketActivity.Replied(ref(ticket), "70", "agent", Instant.now(), "Quick answer"));
    String cursorBefore = cursor();
    publishedStays(0, Duration.ofMillis(600)); // the poller reads the reply several times meanwhile
    assertThat(cursor()).as("the page is read again, not passed over").isEqualTo(cursorBefore);
    helpdesk.searchDown = false;

    awaitPublished(1);
    publishedStays(1, Duration.ofMillis(300));
    assertThat(published).extracting(OutgoingReply::text).containsExactly("Quick answer");
    assertThat(published.getFirst().inReplyTo()).isEqualTo(new PostKey("sandbox", "early1"));
  }

  @Test
  void aListenerThatFailsToTakeAPublishedReplyGetsItAgainAndTheReplyGoesOutOnce() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    events.subscribe(
        SocialdeskEvent.ReplyPublished.class,
        reply -> {
          seen.add(reply.ticket().id());
          if (seen.size() == 1) {
            throw new IllegalStateException("SLA database is down");
          }
        });
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("rp1", "rp1", null, "question")));
    String ticket = awaitTicket("sandbox:rp1");

    helpdesk.activity.add(
        new TicketActivity.Replied(ref(ticket), "40", "agent", Instant.now(), "Answer"));

    awaitPublished(1);
    await().atMost(WAIT).until(() -> seen.size() == 2);
    await()
        .during(Duration.ofMillis(300))
        .atMost(WAIT)
        .until(() -> seen.size() == 2 && publishedCount() == 1);
    assertThat(seen).containsExactly(ticket, ticket);
    assertThat(published).extracting(OutgoingReply::text).containsExactly("Answer");
  }

  @Test
  void aListenerThatFailsGetsTheHelpdeskEventAgainAndRepliesOnTheSamePageStillGoOut()
      throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    events.subscribe(
        SocialdeskEvent.TicketOpened.class,
        opened -> {
          seen.add(opened.ticket().id());
          if (seen.size() == 1) {
            throw new IllegalStateException("plugin database is down");
          }
        });
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("o1", "o1", null, "question")));
    String ticket = awaitTicket("sandbox:o1");

    helpdesk.activity.add(
        new TicketActivity.Opened(
            ref("e1"), "20", "customer", Instant.now(), "General", "Refund", "by e-mail"));
    helpdesk.activity.add(
        new TicketActivity.Replied(ref(ticket), "21", "agent", Instant.now(), "Answer"));

    awaitPublished(1);
    await()
        .atMost(WAIT)
        .until(
            () -> seen.size() == 2 && cursor().equals(Integer.toString(helpdesk.activity.size())));
    assertThat(seen).containsExactly("e1", "e1");
    assertThat(published).extracting(OutgoingReply::text).containsExactly("Answer");
  }

  @Test
  void aListenerThatNeverTakesAnEventIsGivenUpOnAfterThreeTriesAndLaterActivityFlows()
      throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    events.subscribe(
        SocialdeskEvent.TicketOpened.class,
        opened -> {
          seen.add(opened.ticket().id());
          if (opened.ticket().id().equals("e2")) {
            throw new IllegalStateException("a bug in the plugin");
          }
        });
    start();
    await()
        .atMost(WAIT)
        .until(() -> !cursor().isEmpty()); // the poller has read the (empty) activity once

    helpdesk.activity.add(
        new TicketActivity.Opened(
            ref("e2"), "22", "customer", Instant.now(), "General", "Broken", "by e-mail"));
    await().atMost(WAIT).until(() -> cursor().equals(Integer.toString(helpdesk.activity.size())));
    helpdesk.activity.add(
        new TicketActivity.Opened(
            ref("e3"), "23", "customer", Instant.now(), "General", "Fine", "by e-mail"));

    await().atMost(WAIT).until(() -> seen.contains("e3"));
    assertThat(seen).containsExactly("e2", "e2", "e2", "e3");
  }

  @Test
  void helpdeskEventsNotYetTakenWhenTheHostStoppedAreDeliveredAfterTheRestart() throws Exception {
    AtomicInteger failures = new AtomicInteger();
    EventBus.Subscription failing =
        events.subscribe(
            SocialdeskEvent.FieldChanged.class,
            changed -> {
              failures.incrementAndGet();
              throw new IllegalStateException("plugin database is down");
            });
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("f1", "f1", null, "meh")));
    String ticket = awaitTicket("sandbox:f1");
    await()
        .atMost(WAIT)
        .until(() -> !cursor().isEmpty()); // the activity reader has made its first read
    String before = cursor();
    helpdesk.activity.add(
        new TicketActivity.FieldChanged(
            ref(ticket), "30", "alice", Instant.now(), "Sentiment", "negative", "neutral"));
    await()
        .atMost(WAIT)
        .until(() -> failures.get() >= 1); // a failed delivery, fewer than the tries allowed
    fixture.stop(pipeline);
    failing.close();
    assertThat(cursor()).isEqualTo(before);

    List<String> corrections = new CopyOnWriteArrayList<>();
    events.subscribe(
        SocialdeskEvent.FieldChanged.class,
        changed -> corrections.add(changed.ticket().id() + "=" + changed.newValue()));
    start();

    await().atMost(WAIT).until(() -> !corrections.isEmpty());
    assertThat(corrections).containsExactly(ticket + "=neutral");
  }

  @Test
  void aPrivateReplyWithAFollowUpIsPublishedFirstAndTheFollowUpAnswersTheCustomersPublicPost()
      throws Exception {
    policies.add(
        new ReplyPolicy() {
          @Override
          public String name() {
            return "dm";
          }

          @Override
          public ReplyDecision review(ReplyDraft draft) {
            String text = draft.parts().getFirst();
            return new ReplyDecision.Allow(
                text.startsWith("/dm ")
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

    helpdesk.activity.add(
        new TicketActivity.Replied(
            ref(ticket), "9", "agent", Instant.now(), "/dm Your order 123 ships today"));

    awaitPublished(2);
    assertThat(published)
        .extracting(OutgoingReply::visibility, OutgoingReply::text)
        .containsExactly(
            tuple(Visibility.PRIVATE, "Your order 123 ships today"),
            tuple(Visibility.PUBLIC, "We've sent you a DM."));
    assertThat(published.get(1).inReplyTo()).isEqualTo(new PostKey("sandbox", "p1"));
    awaitNote(ticket, "Published on sandbox:\nprivate message ");
  }

  @Test
  void aFollowUpThatAPolicyHoldsIsLeftOutAndTheReplyStillGoesOut() throws Exception {
    policies.add(
        new ReplyPolicy() {
          @Override
          public String name() {
            return "no-public-notes";
          }

          @Override
          public ReplyDecision review(ReplyDraft draft) {
            return draft.parts().getFirst().startsWith("Note")
                ? new ReplyDecision.Hold("notes are off", "none")
                : new ReplyDecision.Allow(draft);
          }

          @Override
          public List<ReplyDraft> followUps(ReplyDraft original) {
            return List.of(original.withParts(List.of("Note: we replied")));
          }
        });
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("p2", "p2", null, "hello?")));
    String ticket = awaitTicket("sandbox:p2");

    helpdesk.activity.add(
        new TicketActivity.Replied(ref(ticket), "10", "agent", Instant.now(), "Hello!"));

    awaitPublished(1);
    awaitNote(ticket, "Socialdesk left out the follow-up \"Note: we replied\": notes are off");
    publishedStays(1, Duration.ofMillis(300));
    assertThat(published).extracting(OutgoingReply::text).containsExactly("Hello!");
  }

  @Test
  void aTemporaryRefusalIsRetriedAndPublishedOnce() throws Exception {
    scriptedOutcomes.add(new PublishOutcome.RetryLater(Duration.ofMillis(100), "429"));
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("t1", "t1", null, "question")));
    String ticket = awaitTicket("sandbox:t1");

    helpdesk.activity.add(
        new TicketActivity.Replied(ref(ticket), "7", "agent", Instant.now(), "Answer after a 429"));

    awaitPublished(1);
    publishedStays(1, Duration.ofMillis(300));
  }

  @Test
  void aHeldReplyIsNotPublishedAndTheTicketSaysWhy() throws Exception {
    policies.add(
        new ReplyPolicy() {
          @Override
          public String name() {
            return "no-cards";
          }

          @Override
          public ReplyDecision review(ReplyDraft draft) {
            return new ReplyDecision.Hold(
                "it contains a card number", "send it privately with /dm");
          }
        });
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("h1", "h1", null, "question")));
    String ticket = awaitTicket("sandbox:h1");

    helpdesk.activity.add(
        new TicketActivity.Replied(
            ref(ticket), "8", "agent", Instant.now(), "4242 4242 4242 4242"));

    awaitNote(ticket, "Socialdesk held this reply: it contains a card number");
    assertThat(published).isEmpty();
    assertThat(helpdesk.tickets.get(ticket).fields()).containsEntry("ReplyStatus", "held");
  }

  @Test
  void aReplyLongerThanTheNetworkAllowsIsHeldNeverCut() throws Exception {
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("l1", "l1", null, "question")));
    String ticket = awaitTicket("sandbox:l1");

    helpdesk.activity.add(
        new TicketActivity.Replied(ref(ticket), "9", "agent", Instant.now(), "x".repeat(300)));

    awaitNote(ticket, "it is 300 characters long and sandbox allows 280");
    assertThat(published).isEmpty();
  }

  @Test
  void aReplyQueuedByAnEarlierVersionWithoutThePostItAnswersIsPublishedToThatPostAfterTheUpgrade()
      throws Exception {
    Ingest ingest = start().ingest();
    ingest.accept(new InboundEvent.NewPost(post("u1", "u1", null, "question")));
    String ticket = awaitTicket("sandbox:u1");
    fixture.awaitInboxDone("u1");
    fixture.stop(pipeline);
    Instant now = Instant.now();
    // As the earlier version queued it: no answering_post.
    fixture
        .sql()
        .update(
            "insert into agent_reply (ticket_id, transaction_id, agent, text, state, received_at, updated_at)"
                + " values (?, 'old', 'agent', 'Queued before the upgrade', 'queued', ?, ?)",
            ticket,
            now,
            now);
    fixture
        .sql()
        .update(
            "insert into outbox (ticket_id, transaction_id, part_no, part_count, network, agent, visibility, text, state,"
                + " answering_post_id, attempts, next_attempt_at, created_at) values (?, 'old', 1, 1, 'sandbox', 'agent', 'PUBLIC',"
                + " 'Queued before the upgrade', 'ready', 'u1', 0, ?, ?)",
            ticket,
            now,
            now);

    start();

    awaitPublished(1);
    assertThat(published.getFirst().inReplyTo()).isEqualTo(new PostKey("sandbox", "u1"));
    assertThat(published.getFirst().conversationId()).isEqualTo("u1");
    assertThat(published.getFirst().recipient().handle()).isEqualTo("alice");
    awaitNote(ticket, "Published on sandbox");
  }

  /** A network that records what it published, or answers with the scripted outcomes first. */
  private ChannelConnector channel() {
    ReplyPublisher publisher =
        reply -> {
          synchronized (published) {
            if (!scriptedOutcomes.isEmpty()) {
              return scriptedOutcomes.removeFirst();
            }
            published.add(reply);
            return new PublishOutcome.Published(
                "remote-" + published.size(),
                URI.create("sandbox://brand/" + published.size()),
                Instant.now());
          }
        };
    return PipelineFixture.channel(publisher, false);
  }

  private static SocialPost post(String id, String conversation, String inReplyTo, String text) {
    return PipelineFixture.post(id, conversation, inReplyTo, text, PipelineFixture.POSTED);
  }

  private TicketRef ref(String id) {
    return fixture.ref(id);
  }

  private String awaitTicket(String postKey) {
    return fixture.awaitTicket(postKey);
  }

  private void awaitNote(String ticket, String fragment) {
    fixture.awaitNote(ticket, fragment);
  }

  private List<String> notes(String ticket) {
    return fixture.notes(ticket);
  }

  private String cursor() {
    return new HostSettings(fixture.sql(), Clock.systemUTC()).get(ActivityPoller.CURSOR).orElse("");
  }

  private int publishedCount() {
    synchronized (published) {
      return published.size();
    }
  }

  private void awaitPublished(int count) {
    await().atMost(WAIT).until(() -> publishedCount() >= count);
  }

  /**
   * Checks that exactly {@code count} replies are published over the whole window: one more would
   * show within it.
   */
  private void publishedStays(int count, Duration window) {
    await().during(window).atMost(window.plus(WAIT)).until(() -> publishedCount() == count);
  }
}
