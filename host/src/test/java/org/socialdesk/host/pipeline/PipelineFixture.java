package org.socialdesk.host.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.socialdesk.api.Secret;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.host.config.DatabaseConfig;
import org.socialdesk.host.config.PipelineConfig;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.metrics.MicrometerMetrics;
import org.socialdesk.host.plugin.Extensions;
import org.socialdesk.host.storage.Database;
import org.socialdesk.host.storage.SchemaMigrations;
import org.socialdesk.host.storage.Sql;
import org.socialdesk.testkit.TestingPostgres;

/**
 * What the pipeline's tests share: host instances ({@link Pipeline}) on one database (H2 in a
 * temporary folder, or a throw-away PostgreSQL), an in-memory helpdesk, a network named {@code
 * sandbox}, and waits on what the helpdesk and the database show. Closes everything it made.
 */
public final class PipelineFixture implements AutoCloseable {

  /** The network of the tests' posts and channel. */
  public static final String NETWORK = "sandbox";

  /** When the tests' customers post, unless a test says otherwise. */
  public static final Instant POSTED = Instant.parse("2026-11-20T08:15:00Z");

  /**
   * How long a test waits for something that should happen: an upper bound only, reached when it
   * fails. Generous because a class's first test pays the JVM's warm-up (about 3 s on an idle
   * 2-core machine). (ReplyPathTest's timeouts once blamed on warm-up were a lost reply: the
   * activity poller passed over a reply read before its ticket was recorded; it now waits.)
   */
  public static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * Awaitility's wait, leaving alone what the instances' threads throw: the tests kill them on
   * purpose ({@link FakeHelpdesk.Killed}), as a SIGKILL would, and then watch the others take over.
   */
  public static ConditionFactory await() {
    return Awaitility.await().dontCatchUncaughtExceptions();
  }

  public final FakeHelpdesk helpdesk = new FakeHelpdesk();
  public final MicrometerMetrics metrics = new MicrometerMetrics();
  private final DatabaseConfig config;
  private final Database database;
  private final AutoCloseable afterDatabase;
  private final List<Pipeline> pipelines = new ArrayList<>();
  private final List<Database> pools = new ArrayList<>();
  private final List<InProcessEventBus> buses = new ArrayList<>();

  private PipelineFixture(DatabaseConfig config, AutoCloseable afterDatabase) {
    this.config = config;
    this.afterDatabase = afterDatabase;
    this.database = Database.open(config);
    new SchemaMigrations(database.dataSource()).applyHost();
  }

  /** The embedded default, H2, in {@code folder}. */
  public static PipelineFixture onH2(Path folder, int poolSize) {
    return new PipelineFixture(
        new DatabaseConfig("jdbc:h2:file:" + folder.resolve("db"), "sa", Secret.of(""), poolSize),
        () -> {});
  }

  /**
   * The production database path: a throw-away PostgreSQL database, where transactions end at their
   * first error and rows are locked for real; dropped once everything else is closed.
   */
  public static PipelineFixture onPostgres(int poolSize) throws Exception {
    TestingPostgres postgres = TestingPostgres.createEmpty();
    try {
      return new PipelineFixture(
          new DatabaseConfig(
              postgres.url(), postgres.user(), Secret.of(postgres.password()), poolSize),
          postgres);
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  public DataSource dataSource() {
    return database.dataSource();
  }

  public Sql sql() {
    return new Sql(database.dataSource());
  }

  /** A new event bus, closed with the fixture. */
  public InProcessEventBus newBus() {
    InProcessEventBus bus = new InProcessEventBus();
    buses.add(bus);
    return bus;
  }

  /**
   * A host instance, not started: on the fixture's pool, or on a pool of its own like a separate
   * host. Its inbox takes posts at once.
   */
  public Pipeline create(InProcessEventBus events, boolean ownPool, int workers) {
    DataSource pool = database.dataSource();
    if (ownPool) {
      Database own = Database.open(config);
      pools.add(own);
      pool = own.dataSource();
    }
    Pipeline pipeline =
        new Pipeline(
            pool,
            Clock.systemUTC(),
            helpdesk,
            events,
            metrics,
            new PipelineConfig(workers, Duration.ofMillis(50), Duration.ofMillis(200)),
            "Social",
            Duration.ofMillis(100));
    pipelines.add(pipeline);
    return pipeline;
  }

  /** A started instance on the fixture's pool, with two workers. */
  public Pipeline start(InProcessEventBus events, Extensions extensions) {
    Pipeline pipeline = create(events, false, 2);
    pipeline.start(extensions);
    return pipeline;
  }

  /** Stops an instance cleanly, as a restart or a shutdown would. */
  public void stop(Pipeline pipeline) throws InterruptedException {
    pipelines.remove(pipeline);
    pipeline.close();
  }

  /** Stops an instance as a SIGKILL would: nothing released, its heartbeat stops. */
  public void kill(Pipeline pipeline) throws InterruptedException {
    pipelines.remove(pipeline);
    pipeline.haltAsIfKilled();
  }

  /**
   * The extensions of an instance with {@code policies} and the one channel, for the network {@link
   * #NETWORK}.
   */
  public static Extensions extensions(List<ReplyPolicy> policies, ChannelConnector channel) {
    return new Extensions(List.of(), policies, List.of(), Map.of(NETWORK, channel));
  }

  /**
   * A channel of {@link #NETWORK} with 280 characters in public, publishing through {@code
   * publisher}.
   */
  public static ChannelConnector channel(ReplyPublisher publisher, boolean idempotent) {
    return new ChannelConnector() {
      @Override
      public String network() {
        return NETWORK;
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
        return idempotent;
      }
    };
  }

  /** A public post by alice on {@link #NETWORK}. */
  public static SocialPost post(
      String id, String conversation, String inReplyTo, String text, Instant postedAt) {
    return new SocialPost(
        new PostKey(NETWORK, id),
        conversation,
        inReplyTo,
        Author.of(NETWORK, "alice", "alice"),
        text,
        postedAt,
        Visibility.PUBLIC,
        null,
        Engagement.NONE,
        Map.of());
  }

  public TicketRef ref(String id) {
    return new TicketRef(helpdesk.name(), id);
  }

  /** The id of the one ticket that holds {@code postKey}, once one does. */
  public String awaitTicket(String postKey) {
    await().atMost(WAIT).until(() -> !helpdesk.ticketsWithPost(postKey).isEmpty());
    return helpdesk.ticketsWithPost(postKey).getFirst().id();
  }

  public List<String> notes(String ticket) {
    synchronized (helpdesk) {
      return helpdesk.tickets.get(ticket).messages().stream()
          .filter(m -> m instanceof TicketMessage.InternalNote)
          .map(TicketMessage::text)
          .toList();
    }
  }

  public void awaitNote(String ticket, String fragment) {
    await()
        .atMost(WAIT)
        .alias("a note containing '" + fragment + "'")
        .until(() -> notes(ticket).stream().anyMatch(note -> note.contains(fragment)));
  }

  public long inboxCount(String state) {
    return sql()
        .queryOne("select count(*) from inbox where state = ?", row -> row.getLong(1), state)
        .orElseThrow();
  }

  public boolean inboxDone(String postId) {
    return sql()
        .queryOne("select state from inbox where post_id = ?", row -> row.getString(1), postId)
        .orElse("")
        .equals("done");
  }

  public void awaitInboxDone(String postId) {
    await()
        .atMost(WAIT)
        .alias("post " + postId + " recorded as done")
        .until(() -> inboxDone(postId));
  }

  /** The instances and their pools close first, then the database (and a throw-away one goes). */
  @Override
  public void close() throws Exception {
    try (AutoCloseable last = afterDatabase) {
      for (Pipeline pipeline : pipelines) {
        pipeline.close();
      }
      pools.forEach(Database::close);
      database.close();
      metrics.close();
      buses.forEach(InProcessEventBus::close);
    }
  }
}
