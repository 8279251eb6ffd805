package org.socialdesk.channel.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.Secret;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.LocalBluesky;
import org.socialdesk.testkit.LocalBlueskyClient;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingPluginContext;

/**
 * Intake delay of the channel alone, on the real local network: from the customer's createRecord
 * answer to the post stored by the channel's ingest (no RT), p50/p95/max, polling at the default
 * interval (3 s) and with Jetstream. Not part of the suites (no Test/IT suffix); run with {@code
 * ./mvnw -o -pl social-channel-plugin -am test -Dtest=BlueskyIntakeBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Results in docs/benchmarks.md.
 */
class BlueskyIntakeBenchmark {

  @RegisterExtension static final LocalBluesky network = new LocalBluesky();

  private static final int POSTS = 20;

  /** An inbox that notes when each post was stored. */
  private static final class TimedIngest implements Ingest {
    final Map<String, Long> storedAtNanos = new ConcurrentHashMap<>();

    @Override
    public Accepted accept(InboundEvent event) {
      return storedAtNanos.putIfAbsent(event.key().postId(), System.nanoTime()) == null
          ? Accepted.STORED
          : Accepted.DUPLICATE;
    }
  }

  @Test
  void intakeDelayPollingAndStream() throws Exception {
    LocalBlueskyClient brand = new LocalBlueskyClient(network.info().pds(), network.info().brand());
    LocalBlueskyClient customer =
        new LocalBlueskyClient(network.info().pds(), network.info().customer());
    String password = brand.createAppPassword("bench", false);
    List<Long> polling = run(brand, customer, password, false);
    List<Long> stream = run(brand, customer, password, true);
    System.out.println("BENCH bluesky intake polling(3s) ms " + summary(polling));
    System.out.println("BENCH bluesky intake jetstream ms " + summary(stream));
    assertThat(polling).hasSize(POSTS);
    assertThat(stream).hasSize(POSTS);
  }

  private static List<Long> run(
      LocalBlueskyClient brand, LocalBlueskyClient customer, String password, boolean stream)
      throws Exception {
    BlueskyConfig config =
        new BlueskyConfig(
            true,
            network.info().pds(),
            network.info().brand().handle(),
            Secret.of(password),
            null,
            false,
            null,
            null,
            null,
            null,
            stream ? network.info().jetstream() : null);
    TimedIngest ingest = new TimedIngest();
    try (TestingPluginContext context =
        TestingPluginContext.builder()
            .config(config)
            .dataSource(TestingDatabase.create(ChannelChangelog.RESOURCE))
            .ingest(ingest)
            .clock(Clock.systemUTC())
            .ownScheduler()
            .httpClients(Duration.ofSeconds(30))
            .build()) {
      BlueskyChannel.Parts parts = BlueskyChannel.parts(config, context);
      parts.poller().poll(); // the first start's page: older posts out of the way
      ingest.storedAtNanos.clear();
      BlueskyJetstream jetstream = null;
      if (stream) {
        jetstream =
            new BlueskyJetstream(
                config.jetstreamUrl(),
                context.httpClients().forPeer(BlueskyXrpc.PEER),
                parts.session(),
                parts.poller(),
                parts.posts(),
                ingest,
                context.scheduler(),
                context.clock());
        jetstream.start();
        Thread.sleep(2000); // connected and backfilled before measuring
        ingest.storedAtNanos.clear();
      } else {
        context
            .scheduler()
            .scheduleWithFixedDelay(
                parts.poller()::pollQuietly,
                0,
                config.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
      }
      List<Long> delays = new ArrayList<>();
      for (int i = 0; i < POSTS; i++) {
        LocalBlueskyClient.Ref post =
            customer.mention("bench " + i + " ", network.info().brand().handle(), brand.did(), "?");
        long posted = System.nanoTime();
        String id = BlueskyIds.fromUri(post.uri()).orElseThrow().postId();
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> ingest.storedAtNanos.containsKey(id));
        delays.add(TimeUnit.NANOSECONDS.toMillis(ingest.storedAtNanos.get(id) - posted));
        Thread.sleep(300 + (i * 611L) % 1500); // posts at varying phases of the poll interval
      }
      if (jetstream != null) {
        jetstream.stop();
      }
      return delays;
    }
  }

  private static String summary(List<Long> delays) {
    List<Long> sorted = delays.stream().sorted().toList();
    long p50 = sorted.get((int) Math.ceil(0.50 * sorted.size()) - 1);
    long p95 = sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
    return "n="
        + sorted.size()
        + " p50="
        + p50
        + " p95="
        + p95
        + " max="
        + sorted.getLast()
        + " all="
        + delays;
  }
}
