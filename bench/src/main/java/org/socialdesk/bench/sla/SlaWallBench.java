package org.socialdesk.bench.sla;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.event.SocialdeskEvent.PostRouted;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.SlaBenchHook;
import org.socialdesk.sla.clock.SlaClockEvents;
import org.socialdesk.sla.clock.SlaTicker;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.config.SlaEscalationConfig;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.sla.wall.WallBoard;
import org.socialdesk.sla.wall.WallBroadcaster;
import org.socialdesk.sla.wall.WallStreamServlet;

/**
 * The server side of the wall benchmark: the SLA plugin's wall and clocks wired as SlaPlugin wires
 * them (an H2 file with the plugin's changelog, SlaClockEvents and WallBroadcaster subscribed to an
 * asynchronous event bus, the stream servlet in Jetty, the board refreshed every 3 s and the tick
 * every second), fed with RATE PostRouted events a second (what the host publishes once a post has
 * its ticket; the pipeline and RT are not part of this figure). Each post's text carries its
 * sequence number and the wall-clock millisecond it was published, which SlaWallClient, in another
 * JVM, turns into a latency. Waits for a stream client, generates for SECONDS, then prints what it
 * sent and the server's CPU and memory over the generation window, and exits.
 *
 * <p>Usage: SlaWallBench PORT_FILE [RATE] [SECONDS]
 */
public final class SlaWallBench {

  private SlaWallBench() {}

  public static void main(String[] args) throws Exception {
    Path portFile = Path.of(args[0]);
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    try (BenchDatabase db = BenchDatabase.open("h2");
        AsyncBus events = new AsyncBus()) {
      SlaJdbc jdbc = new SlaJdbc(db.dataSource());
      SlaPolicies policies = SlaPolicies.BUILT_IN;
      Clock clock = Clock.systemUTC();
      SlaClockEvents clocks = new SlaClockEvents(jdbc, policies);
      events.subscribe(PostRouted.class, clocks::onPostRouted);
      WallBroadcaster wall =
          new WallBroadcaster(
              new WallBoard(jdbc, policies, clock), clock, WallBroadcaster.DEFAULT_QUEUE);
      wall.subscribe(events);
      SlaTicker ticker =
          new SlaTicker(jdbc, policies, SlaEscalationConfig.DEFAULTS, false, events, clock);
      Server jetty = jetty(wall);
      var scheduler = Executors.newScheduledThreadPool(2);
      scheduler.scheduleWithFixedDelay(
          () -> SlaBenchHook.refreshWall(wall), 3, 3, TimeUnit.SECONDS);
      scheduler.scheduleWithFixedDelay(ticker::tick, 1, 1, TimeUnit.SECONDS);
      Files.writeString(
          portFile, Integer.toString(((ServerConnector) jetty.getConnectors()[0]).getLocalPort()));
      while (wall.connectionCount() == 0) {
        Thread.sleep(20);
      }
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuStart = os.getProcessCpuTime();
      long wallStart = System.nanoTime();
      AtomicLong sent = new AtomicLong();
      long periodMicros = 1_000_000L / rate;
      var generating =
          scheduler.scheduleAtFixedRate(
              () -> {
                try {
                  events.publish(post(sent.get()));
                  sent.incrementAndGet();
                } catch (RuntimeException e) {
                  e.printStackTrace(); // a scheduled task that throws is silently never run again
                  throw e;
                }
              },
              0,
              periodMicros,
              TimeUnit.MICROSECONDS);
      Thread.sleep(seconds * 1000L);
      generating.cancel(false);
      double elapsed = (System.nanoTime() - wallStart) / 1e9;
      double cores = (os.getProcessCpuTime() - cpuStart) / 1e9 / elapsed;
      Thread.sleep(3_000); // let the last posts reach the client
      Runtime runtime = Runtime.getRuntime();
      long heapMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
      long rss = rssMb();
      System.gc(); // what the run left behind, beyond garbage not yet collected
      long liveMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
      System.out.printf(
          "server: sent=%d posts in %.1f s (%.1f/s) cpu=%.2f cores (%.0f%% of one) heap_used=%d MB"
              + " (after a full GC %d MB) rss=%d MB clocks_stored=%d%n",
          sent.get(),
          elapsed,
          sent.get() / elapsed,
          cores,
          cores * 100,
          heapMb,
          liveMb,
          rss,
          count(db));
      scheduler.shutdownNow();
      wall.close();
      jetty.stop();
    }
  }

  private static Server jetty(WallBroadcaster wall) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder =
        new ServletHolder(new WallStreamServlet(wall, WallStreamServlet.HEARTBEAT));
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/api/wall/*");
    server.setHandler(context);
    server.start();
    return server;
  }

  private static final String[] NETWORKS = {"x", "mastodon", "sandbox"};

  /** Post n: a new conversation, one in four negative; its text says when it was published. */
  static PostRouted post(long n) {
    Instant now = Instant.now();
    String network = NETWORKS[(int) (n % 3)];
    SocialPost post =
        new SocialPost(
            new PostKey(network, "wall-" + n),
            "conv-" + n,
            null,
            Author.of(network, "author-" + n % 5000, "@customer" + n % 5000),
            "bench seq="
                + n
                + " t="
                + now.toEpochMilli()
                + " my order has not arrived yet, can you help?",
            now,
            Visibility.PUBLIC,
            null,
            Engagement.NONE,
            Map.of());
    Sentiment.Label label = n % 4 == 0 ? Sentiment.Label.NEGATIVE : Sentiment.Label.NEUTRAL;
    Enrichment enrichment =
        new Enrichment(
            new Sentiment(label, 0.9),
            "en",
            new Influence(Influence.Tier.LOW, 10, List.of()),
            null,
            null,
            null,
            null,
            null,
            Map.of());
    return new PostRouted(
        post, enrichment, new TicketRef("rt", Long.toString(100_000 + n)), true, now);
  }

  private static long rssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
      }
    }
    return -1;
  }

  private static long count(BenchDatabase db) throws Exception {
    try (var connection = db.dataSource().getConnection();
        var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT COUNT(*) FROM sla_clock")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * The host's InProcessEventBus, restated here so the bench does not depend on the host module:
   * each subscriber gets events in publication order on its own virtual thread.
   */
  static final class AsyncBus implements EventBus, AutoCloseable {
    private record Subscriber(Class<?> type, Consumer<Object> listener, ExecutorService executor) {}

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(SocialdeskEvent event) {
      for (Subscriber subscriber : subscribers) {
        if (subscriber.type().isInstance(event)) {
          subscriber.executor().execute(() -> subscriber.listener().accept(event));
        }
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends SocialdeskEvent> Subscription subscribe(
        Class<E> type, Consumer<? super E> listener) {
      Subscriber subscriber =
          new Subscriber(
              type,
              event -> ((Consumer<Object>) listener).accept(event),
              Executors.newSingleThreadExecutor(Thread.ofVirtual().factory()));
      subscribers.add(subscriber);
      return () -> {
        subscribers.remove(subscriber);
        subscriber.executor().shutdown();
      };
    }

    @Override
    public void close() {
      subscribers.forEach(s -> s.executor().shutdown());
    }
  }
}
