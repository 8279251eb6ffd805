package org.socialdesk.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.Secret;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.host.cluster.Instances;
import org.socialdesk.host.config.DatabaseConfig;
import org.socialdesk.host.config.PipelineConfig;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.metrics.MicrometerMetrics;
import org.socialdesk.host.plugin.Extensions;
import org.socialdesk.host.storage.Database;
import org.socialdesk.host.storage.SchemaMigrations;
import org.socialdesk.host.storage.Sql;

/**
 * Agents' replies with several host instances on one database (H2 here; PostgreSQL in {@link
 * RepliesAcrossInstancesPostgresIT}), an in-memory helpdesk and a network that deduplicates by
 * idempotency key, as the sandbox and Mastodon do.
 */
class RepliesAcrossInstancesTest {

  /** An instance whose heartbeat stopped is dead after {@link Instances#DEAD_AFTER}; then its work is taken over. */
  private static final Duration TAKEOVER_WAIT = Instances.DEAD_AFTER.plusSeconds(10);

  @TempDir Path folder;

  private Database database;
  private final FakeHelpdesk helpdesk = new FakeHelpdesk();
  /** What the network holds, one post per idempotency key. */
  private final Map<String, OutgoingReply> network = new ConcurrentHashMap<>();
  /** Every call that reached the network, repeats included. */
  private final List<OutgoingReply> publishCalls = new CopyOnWriteArrayList<>();
  /** When set, the next publication reaches the network and then the publishing thread dies. */
  private final AtomicBoolean dieAfterNextPublication = new AtomicBoolean();
  private final List<Pipeline> pipelines = new ArrayList<>();
  private final List<InProcessEventBus> buses = new ArrayList<>();
  private final List<SocialdeskEvent.AgentReplied> agentReplied = new CopyOnWriteArrayList<>();
  private final MicrometerMetrics metrics = new MicrometerMetrics();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger pipelineLog = (Logger) LoggerFactory.getLogger("org.socialdesk.host.pipeline");

  @BeforeEach
  void openDatabase() throws Exception {
    database = Database.open(databaseConfig());
    new SchemaMigrations(database.dataSource()).applyHost();
    logged.start();
    pipelineLog.addAppender(logged);
  }

  DatabaseConfig databaseConfig() throws Exception {
    return new DatabaseConfig("jdbc:h2:file:" + folder.resolve("db"), "sa", Secret.of(""), 16);
  }

  @AfterEach
  void close() throws Exception {
    pipelineLog.detachAppender(logged);
    for (Pipeline pipeline : pipelines) {
      pipeline.close();
    }
    database.close();
    metrics.close();
    buses.forEach(InProcessEventBus::close);
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
      first.ingest().accept(new InboundEvent.NewPost(post("q" + i, "q" + i, "question " + i, Instant.parse("2026-11-20T08:15:00Z"))));
    }
    for (int i = 0; i < count; i++) {
      tickets.add(awaitTicket("sandbox:q" + i));
    }
    awaitCondition(Duration.ofSeconds(5), () -> cursorSet());

    for (int i = 0; i < count; i++) {
      helpdesk.activity.add(new TicketActivity.Replied(ref(tickets.get(i)), "t" + i, "agent", Instant.now(), "Answer " + i));
    }

    awaitCondition(Duration.ofSeconds(30), () -> tickets.stream().allMatch(ticket -> publishedNotes(ticket) >= 1));
    holdsFor(Duration.ofSeconds(2), () -> Map.of("published", network.size(), "publish calls", publishCalls.size(),
        "Published notes", tickets.stream().mapToLong(this::publishedNotes).sum(), "AgentReplied events", agentReplied.size()),
        Map.of("published", count, "publish calls", count, "Published notes", (long) count, "AgentReplied events", count));
  }

  @Test
  void whenTheInstanceReadingTheHelpdeskStopsHeartbeatingAnotherTakesOverLogsItAndRepliesFlow() throws Exception {
    Pipeline reader = start();
    reader.ingest().accept(new InboundEvent.NewPost(post("k1", "k1", "question", Instant.parse("2026-11-20T08:15:00Z"))));
    String ticket = awaitTicket("sandbox:k1");
    awaitCondition(Duration.ofSeconds(5), () -> cursorSet());
    String readerId = leaseHolder().orElseThrow();
    start();

    reader.haltAsIfKilled();
    helpdesk.activity.add(new TicketActivity.Replied(ref(ticket), "t1", "agent", Instant.now(), "Answer after the takeover"));

    awaitCondition(TAKEOVER_WAIT, () -> publishedNotes(ticket) == 1);
    assertThat(network.values()).extracting(OutgoingReply::text).containsExactly("Answer after the takeover");
    assertThat(leaseHolder()).isPresent().get().isNotEqualTo(readerId);
    assertThat(messages()).anySatisfy(message -> assertThat(message)
        .contains("took over " + ActivityPoller.LEASE + " from instance " + readerId)
        .containsPattern("its last heartbeat was \\d+\\.\\d s ago"));
  }

  @Test
  void aReplyCutOffBetweenPublishingAndPublishedIsPublishedOnceByTheInstanceTakingOver() throws Exception {
    Pipeline first = start();
    first.ingest().accept(new InboundEvent.NewPost(post("c1", "c1", "question", Instant.parse("2026-11-20T08:15:00Z"))));
    String ticket = awaitTicket("sandbox:c1");
    awaitCondition(Duration.ofSeconds(5), () -> cursorSet());
    dieAfterNextPublication.set(true);

    helpdesk.activity.add(new TicketActivity.Replied(ref(ticket), "t1", "agent", Instant.now(), "Cut off by a kill"));
    awaitCondition(Duration.ofSeconds(10), () -> !publishCalls.isEmpty());
    first.haltAsIfKilled();
    start();

    awaitCondition(TAKEOVER_WAIT, () -> publishedNotes(ticket) == 1);
    holdsFor(Duration.ofSeconds(1), () -> List.of(network.size(), publishedNotes(ticket)), List.of(1, 1L));
    assertThat(publishCalls).hasSize(2).extracting(OutgoingReply::idempotencyKey).containsOnly(publishCalls.getFirst().idempotencyKey());
    assertThat(helpdesk.tickets.get(ticket).fields()).containsEntry("ReplyStatus", "published");
    assertThat(messages()).anySatisfy(message -> assertThat(message)
        .contains("Took over part 1 of 1 of a reply on ticket " + ticket)
        .contains("published again, as sandbox deduplicates"));
  }

  @Test
  void theOutcomeNoteIsNotWrittenAgainAfterACrashBetweenTheNoteAndTheRepliesNewState() throws Exception {
    Pipeline first = start();
    first.ingest().accept(new InboundEvent.NewPost(post("n1", "n1", "question", Instant.parse("2026-11-20T08:15:00Z"))));
    String ticket = awaitTicket("sandbox:n1");
    awaitCondition(Duration.ofSeconds(5), () -> cursorSet());
    helpdesk.dieAfterWriting = message -> message instanceof TicketMessage.InternalNote note && note.text().startsWith("Published on");

    helpdesk.activity.add(new TicketActivity.Replied(ref(ticket), "t1", "agent", Instant.now(), "Noted once"));
    awaitCondition(Duration.ofSeconds(10), () -> publishedNotes(ticket) == 1);
    first.haltAsIfKilled();
    start();

    awaitCondition(TAKEOVER_WAIT, () -> replyState("t1").equals("published"));
    holdsFor(Duration.ofSeconds(1), () -> publishedNotes(ticket), 1L);
    assertThat(helpdesk.tickets.get(ticket).fields()).containsEntry("ReplyStatus", "published");
    assertThat(network).hasSize(1);
  }

  @Test
  void aReplyAnswersThePostPostedLastEvenWhenAnEarlierOneReachedTheTicketLast() throws Exception {
    Pipeline pipeline = start();
    pipeline.ingest().accept(new InboundEvent.NewPost(post("late-2", "root", "my order is still missing", Instant.parse("2026-11-20T08:20:00Z"))));
    String ticket = awaitTicket("sandbox:late-2");
    pipeline.ingest().accept(new InboundEvent.NewPost(post("root", "root", "where is my order?", Instant.parse("2026-11-20T08:15:00Z"))));
    awaitTicket("sandbox:root");
    awaitCondition(Duration.ofSeconds(5), () -> inboxDone("root") && cursorSet());

    helpdesk.activity.add(new TicketActivity.Replied(ref(ticket), "t1", "agent", Instant.now(), "It ships today"));

    awaitCondition(Duration.ofSeconds(10), () -> network.size() == 1);
    assertThat(network.values()).singleElement().satisfies(reply -> assertThat(reply.inReplyTo()).isEqualTo(new PostKey("sandbox", "late-2")));
  }

  private Pipeline start() {
    InProcessEventBus events = new InProcessEventBus();
    buses.add(events);
    events.subscribe(SocialdeskEvent.AgentReplied.class, agentReplied::add);
    Pipeline pipeline = new Pipeline(database.dataSource(), Clock.systemUTC(), helpdesk, events, metrics,
        new PipelineConfig(2, Duration.ofMillis(50), Duration.ofMillis(200)), "Social", Duration.ofMillis(100));
    pipeline.start(new Extensions(List.of(), List.of(), List.of(), Map.of("sandbox", channel())));
    pipelines.add(pipeline);
    return pipeline;
  }

  /** A network that deduplicates by idempotency key and says so. */
  private ChannelConnector channel() {
    ReplyPublisher publisher = reply -> {
      publishCalls.add(reply);
      network.putIfAbsent(reply.idempotencyKey(), reply);
      if (dieAfterNextPublication.getAndSet(false)) {
        throw new FakeHelpdesk.Killed();
      }
      return new PublishOutcome.Published("remote-" + reply.idempotencyKey(), URI.create("sandbox://brand/" + reply.idempotencyKey()), Instant.now());
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

      @Override
      public boolean publishesIdempotently() {
        return true;
      }
    };
  }

  private static SocialPost post(String id, String conversation, String text, Instant postedAt) {
    return new SocialPost(new PostKey("sandbox", id), conversation, null, Author.of("sandbox", "alice", "alice"), text, postedAt,
        Visibility.PUBLIC, null, Engagement.NONE, Map.of());
  }

  private TicketRef ref(String id) {
    return new TicketRef("fake", id);
  }

  private long publishedNotes(String ticket) {
    synchronized (helpdesk) {
      return helpdesk.tickets.get(ticket).messages().stream()
          .filter(m -> m instanceof TicketMessage.InternalNote && m.text().startsWith("Published on")).count();
    }
  }

  private List<String> messages() {
    return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private Sql sql() {
    return new Sql(database.dataSource());
  }

  private boolean cursorSet() {
    return new HostSettings(sql(), Clock.systemUTC()).get(ActivityPoller.CURSOR).isPresent();
  }

  private Optional<String> leaseHolder() {
    return sql().queryOne("select held_by from host_lease where name = ?", row -> row.getString(1), ActivityPoller.LEASE);
  }

  private String replyState(String transaction) {
    return sql().queryOne("select state from agent_reply where transaction_id = ?", row -> row.getString(1), transaction).orElse("");
  }

  private boolean inboxDone(String postId) {
    return sql().queryOne("select state from inbox where post_id = ?", row -> row.getString(1), postId).orElse("").equals("done");
  }

  private String awaitTicket(String postKey) throws InterruptedException {
    awaitCondition(Duration.ofSeconds(10), () -> !helpdesk.ticketsWithPost(postKey).isEmpty());
    return helpdesk.ticketsWithPost(postKey).getFirst().id();
  }

  private static void awaitCondition(Duration within, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as("condition met within " + within).isTrue();
  }

  /** Checks that {@code actual} stays {@code expected} for the whole window: a second note or publication would show within it. */
  private static void holdsFor(Duration window, Supplier<Object> actual, Object expected) throws InterruptedException {
    Instant end = Instant.now().plus(window);
    while (Instant.now().isBefore(end)) {
      assertThat(actual.get()).as("for " + window).isEqualTo(expected);
      Thread.sleep(50);
    }
  }
}
