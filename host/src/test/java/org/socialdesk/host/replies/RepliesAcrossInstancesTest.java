package org.socialdesk.host.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.host.pipeline.PipelineFixture.WAIT;
import static org.socialdesk.host.pipeline.PipelineFixture.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.host.cluster.Instances;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.pipeline.FakeHelpdesk;
import org.socialdesk.host.pipeline.Pipeline;
import org.socialdesk.host.pipeline.PipelineFixture;
import org.socialdesk.host.storage.Sql;

/**
 * Agents' replies with several host instances on one database (H2 here; PostgreSQL in {@link
 * RepliesAcrossInstancesPostgresIT}), an in-memory helpdesk and a network that deduplicates by
 * idempotency key, as the sandbox and Mastodon do.
 */
class RepliesAcrossInstancesTest {

  /**
   * An instance whose heartbeat stopped is dead after {@link Instances#DEAD_AFTER}; then its work
   * is taken over.
   */
  private static final Duration TAKEOVER_WAIT = Instances.DEAD_AFTER.plusSeconds(10);

  @TempDir Path folder;

  private PipelineFixture fixture;
  private FakeHelpdesk helpdesk;

  /** What the network holds, one post per idempotency key. */
  private final Map<String, OutgoingReply> network = new ConcurrentHashMap<>();

  /** Every call that reached the network, repeats included. */
  private final List<OutgoingReply> publishCalls = new CopyOnWriteArrayList<>();

  /** When set, the next publication reaches the network and then the publishing thread dies. */
  private final AtomicBoolean dieAfterNextPublication = new AtomicBoolean();

  /**
   * When set, the helpdesk goes down right after the next publication, so that its outcome cannot
   * be written yet.
   */
  private final AtomicBoolean helpdeskDownAfterNextPublication = new AtomicBoolean();

  private final List<SocialdeskEvent.AgentReplied> agentReplied = new CopyOnWriteArrayList<>();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  /** The host's loggers: takeovers are logged by the reply path and by the cluster's leases. */
  private final Logger hostLog = (Logger) LoggerFactory.getLogger("org.socialdesk.host");

  /**
   * H2 here; {@link RepliesAcrossInstancesPostgresIT} runs every test on PostgreSQL. The instances
   * share this one pool here; in production each has its own.
   */
  PipelineFixture openFixture() throws Exception {
    return PipelineFixture.onH2(folder, 16);
  }

  @BeforeEach
  void open() throws Exception {
    fixture = openFixture();
    helpdesk = fixture.helpdesk;
    logged.start();
    hostLog.addAppender(logged);
  }

  @AfterEach
  void close() throws Exception {
    hostLog.detachAppender(logged);
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void repliesReadByThreeInstancesArePublishedOnceAndNotedOnceEach() throws Exception {
    helpdesk.latency = Duration.ofMillis(40);
    Pipeline first = start();
    start();
    start();
    int count = 12;
    List<String> tickets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      first
          .ingest()
          .accept(
              new InboundEvent.NewPost(
                  post("q" + i, "q" + i, "question " + i, Instant.parse("2026-11-20T08:15:00Z"))));
    }
    for (int i = 0; i < count; i++) {
      tickets.add(awaitTicket("sandbox:q" + i));
    }
    await().atMost(Duration.ofSeconds(5)).until(this::cursorSet);

    for (int i = 0; i < count; i++) {
      helpdesk.activity.add(
          new TicketActivity.Replied(
              ref(tickets.get(i)), "t" + i, "agent", Instant.now(), "Answer " + i));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tickets.stream().allMatch(ticket -> publishedNotes(ticket) >= 1));
    holdsFor(
        Duration.ofSeconds(2),
        () ->
            Map.of(
                "published",
                network.size(),
                "publish calls",
                publishCalls.size(),
                "Published notes",
                tickets.stream().mapToLong(this::publishedNotes).sum(),
                "AgentReplied events",
                agentReplied.size()),
        Map.of(
            "published",
            count,
            "publish calls",
            count,
            "Published notes",
            (long) count,
            "AgentReplied events",
            count));
  }

  @Test
  void whenTheInstanceReadingTheHelpdeskStopsHeartbeatingAnotherTakesOverLogsItAndRepliesFlow()
      throws Exception {
    Pipeline reader = start();
    reader
        .ingest()
        .accept(
            new InboundEvent.NewPost(
                post("k1", "k1", "question", Instant.parse("2026-11-20T08:15:00Z"))));
    String ticket = awaitTicket("sandbox:k1");
    await().atMost(Duration.ofSeconds(5)).until(this::cursorSet);
    String readerId = leaseHolder().orElseThrow();
    start();

    fixture.kill(reader);
    helpdesk.activity.add(
        new TicketActivity.Replied(
            ref(ticket), "t1", "agent", Instant.now(), "Answer after the takeover"));

    await().atMost(TAKEOVER_WAIT).until(() -> publishedNotes(ticket) == 1);
    assertThat(network.values())
        .extracting(OutgoingReply::text)
        .containsExactly("Answer after the takeover");
    assertThat(leaseHolder()).isPresent().get().isNotEqualTo(readerId);
    assertThat(messages())
        .anySatisfy(
            message ->
                assertThat(message)
                    .contains("took over " + ActivityPoller.LEASE + " from instance " + readerId)
                    .containsPattern("its last heartbeat was \\d+\\.\\d s ago"));
  }

  @Test
  void aReplyCutOffBetweenPublishingAndPublishedIsPublishedOnceByTheInstanceTakingOver()
      throws Exception {
    Pipeline first = start();
    first
        .ingest()
        .accept(
            new InboundEvent.NewPost(
                post("c1", "c1", "question", Instant.parse("2026-11-20T08:15:00Z"))));
    String ticket = awaitTicket("sandbox:c1");
    await().atMost(Duration.ofSeconds(5)).until(this::cursorSet);
    dieAfterNextPublication.set(true);

    helpdesk.activity.add(
        new TicketActivity.Replied(ref(ticket), "t1", "agent", Instant.now(), "Cut off by a kill"));
    await().atMost(WAIT).until(() -> !publishCalls.isEmpty());
    fixture.kill(first);
    start();

    await().atMost(TAKEOVER_WAIT).until(() -> publishedNotes(ticket) == 1);
    holdsFor(
        Duration.ofSeconds(1),
        () -> List.of(network.size(), publishedNotes(ticket)),
        List.of(1, 1L));
    assertThat(publishCalls)
        .hasSize(2)
        .extracting(OutgoingReply::idempotencyKey)
        .containsOnly(publishCalls.getFirst().idempotencyKey());
    assertThat(helpdesk.tickets.get(ticket).fields()).containsEntry("ReplyStatus", "published");
    assertThat(messages())
        .anySatisfy(
            message ->
                assertThat(message)
                    .contains("Took over part 1 of 1 of a reply on ticket " + ticket)
                    .contains("published again, as sandbox deduplicates"));
  }

  @Test
  void theOutcomeNoteIsNotWrittenAgainAfterACrashBetweenTheNoteAndTheRepliesNewState()
      throws Exception {
    Pipeline first = start();
    first
        .ingest()
        .accept(
            new InboundEvent.NewPost(
                post("n1", "n1", "question", Instant.parse("2026-11-20T08:15:00Z"))));
    String ticket = awaitTicket("sandbox:n1");
    await().atMost(Duration.ofSeconds(5)).until(this::cursorSet);
    helpdesk.dieAfterWriting =
        message ->
            message instanceof TicketMessage.InternalNote note
                && note.text().startsWith("Published on");

    helpdesk.activity.add(
        new TicketActivity.Replied(ref(ticket), "t1", "agent", Instant.now(), "Noted once"));
    await().atMost(WAIT).until(() -> publishedNotes(ticket) == 1);
    fixture.kill(first);
    start();

    await().atMost(TAKEOVER_WAIT).until(() -> replyState("t1").equals("published"));
    holdsFor(Duration.ofSeconds(1), () -> publishedNotes(ticket), 1L);
    assertThat(helpdesk.tickets.get(ticket).fields()).containsEntry("ReplyStatus", "published");
    assertThat(network).hasSize(1);
  }

  @Test
  void aReplyWhoseLastPartWentOutJustBeforeACrashIsReportedOnceByTheInstanceTakingOver()
      throws Exception {
    Pipeline first = start();
    first
        .ingest()
        .accept(
            new InboundEvent.NewPost(
                post("h1", "h1", "question", Instant.parse("2026-11-20T08:15:00Z"))));
    String ticket = awaitTicket("sandbox:h1");
    await().atMost(Duration.ofSeconds(5)).until(this::cursorSet);
    helpdeskDownAfterNextPublication.set(true);

    helpdesk.activity.add(
        new TicketActivity.Replied(
            ref(ticket), "t1", "agent", Instant.now(), "Out just before the crash"));
    // The publisher handed the reply back in the commit that recorded its last part; its outcome is
    // not written yet.
    await().atMost(WAIT).until(() -> replyState("t1").equals("outbox-done"));
    fixture.kill(first);
    assertThat(publishedNotes(ticket)).isZero();
    helpdesk.down = false;
    start();

    await().atMost(TAKEOVER_WAIT).until(() -> replyState("t1").equals("published"));
    holdsFor(
        Duration.ofSeconds(1),
        () -> List.of(publishCalls.size(), publishedNotes(ticket)),
        List.of(1, 1L));
    assertThat(helpdesk.tickets.get(ticket).fields()).containsEntry("ReplyStatus", "published");
  }

  @Test
  void aReplyAnswersThePostPostedLastEvenWhenAnEarlierOneReachedTheTicketLast() throws Exception {
    Pipeline pipeline = start();
    pipeline
        .ingest()
        .accept(
            new InboundEvent.NewPost(
                post(
                    "late-2",
                    "root",
                    "my order is still missing",
                    Instant.parse("2026-11-20T08:20:00Z"))));
    String ticket = awaitTicket("sandbox:late-2");
    pipeline
        .ingest()
        .accept(
            new InboundEvent.NewPost(
                post("root", "root", "where is my order?", Instant.parse("2026-11-20T08:15:00Z"))));
    awaitTicket("sandbox:root");
    await().atMost(Duration.ofSeconds(5)).until(() -> fixture.inboxDone("root") && cursorSet());

    helpdesk.activity.add(
        new TicketActivity.Replied(ref(ticket), "t1", "agent", Instant.now(), "It ships today"));

    await().atMost(WAIT).until(() -> network.size() == 1);
    assertThat(network.values())
        .singleElement()
        .satisfies(
            reply -> assertThat(reply.inReplyTo()).isEqualTo(new PostKey("sandbox", "late-2")));
  }

  private Pipeline start() {
    InProcessEventBus events = fixture.newBus();
    events.subscribe(SocialdeskEvent.AgentReplied.class, agentReplied::add);
    return fixture.start(events, PipelineFixture.extensions(List.of(), channel()));
  }

  /** A network that deduplicates by idempotency key and says so. */
  private ChannelConnector channel() {
    ReplyPublisher publisher =
        reply -> {
          publishCalls.add(reply);
          network.putIfAbsent(reply.idempotencyKey(), reply);
          if (dieAfterNextPublication.getAndSet(false)) {
            throw new FakeHelpdesk.Killed();
          }
          if (helpdeskDownAfterNextPublication.getAndSet(false)) {
            helpdesk.down = true;
          }
          return new PublishOutcome.Published(
              "remote-" + reply.idempotencyKey(),
              URI.create("sandbox://brand/" + reply.idempotencyKey()),
              Instant.now());
        };
    return PipelineFixture.channel(publisher, true);
  }

  private static SocialPost post(String id, String conversation, String text, Instant postedAt) {
    return PipelineFixture.post(id, conversation, null, text, postedAt);
  }

  private TicketRef ref(String id) {
    return fixture.ref(id);
  }

  private long publishedNotes(String ticket) {
    synchronized (helpdesk) {
      return helpdesk.tickets.get(ticket).messages().stream()
          .filter(
              m -> m instanceof TicketMessage.InternalNote && m.text().startsWith("Published on"))
          .count();
    }
  }

  private List<String> messages() {
    return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private Sql sql() {
    return fixture.sql();
  }

  private boolean cursorSet() {
    return new HostSettings(sql(), Clock.systemUTC()).get(ActivityPoller.CURSOR).isPresent();
  }

  private Optional<String> leaseHolder() {
    return sql()
        .queryOne(
            "select held_by from host_lease where name = ?",
            row -> row.getString(1),
            ActivityPoller.LEASE);
  }

  private String replyState(String transaction) {
    return sql()
        .queryOne(
            "select state from agent_reply where transaction_id = ?",
            row -> row.getString(1),
            transaction)
        .orElse("");
  }

  private String awaitTicket(String postKey) {
    return fixture.awaitTicket(postKey);
  }

  /**
   * Checks that {@code actual} stays {@code expected} for the whole window: a second note or
   * publication would show within it.
   */
  private static void holdsFor(Duration window, Supplier<Object> actual, Object expected) {
    await()
        .during(window)
        .atMost(window.plus(WAIT))
        .untilAsserted(() -> assertThat(actual.get()).as("for " + window).isEqualTo(expected));
  }
}
