package org.socialdesk.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.testkit.LocalBluesky;
import org.socialdesk.testkit.LocalBlueskyClient;

/**
 * Intake delay from a post on the local Bluesky network to its ticket in the real RT, p50/p95/max,
 * polling every 3 s (the default) and with Jetstream. Not in the suites (no IT suffix); run under
 * the RT lock with {@code -Dit.skip=false -Dit.test=BlueskyIntakeRtBenchmark}. The ticket is seen
 * by searching RT every 100 ms, which adds up to that much. Results in docs/benchmarks.md.
 */
class BlueskyIntakeRtBenchmark {

  @RegisterExtension static final LocalBluesky network = new LocalBluesky();

  private static final int POSTS = 15;

  @TempDir Path work;

  @Test
  void postToTicketDelay() throws Exception {
    TestRt rt = TestRt.fromEnvironment();
    LocalBlueskyClient brand = new LocalBlueskyClient(network.info().pds(), network.info().brand());
    LocalBlueskyClient customer =
        new LocalBlueskyClient(network.info().pds(), network.info().customer());
    String password = brand.createAppPassword("bench-rt", false);
    List<Long> polling = run(rt, brand, customer, password, "", "polling");
    List<Long> stream =
        run(
            rt,
            brand,
            customer,
            password,
            "jetstream-url: " + network.info().jetstream(),
            "stream");
    System.out.println("BENCH bluesky post->RT ticket polling(3s) ms " + summary(polling));
    System.out.println("BENCH bluesky post->RT ticket jetstream ms " + summary(stream));
    assertThat(polling).hasSize(POSTS);
    assertThat(stream).hasSize(POSTS);
  }

  private List<Long> run(
      TestRt rt,
      LocalBlueskyClient brand,
      LocalBlueskyClient customer,
      String password,
      String extra,
      String name)
      throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    SocialdeskProcess socialdesk =
        SocialdeskProcess.configure(
            dir,
            rt,
            """
        social-channel:
          bluesky:
            enabled: true
            pds-url: %s
            handle: %s
            app-password: %s
            %s
        """
                .formatted(network.info().pds(), network.info().brand().handle(), password, extra));
    assertThat(socialdesk.command("rt", "provision").exitCode()).isZero();
    socialdesk.start();
    try {
      // A first post, not measured: the first poll, RT's first ticket and the stream are warm.
      rt.awaitTicketWithPost(
          key(customer.mention("warm-up ", network.info().brand().handle(), brand.did(), "")),
          Duration.ofSeconds(60),
          socialdesk::log);
      List<Long> delays = new ArrayList<>();
      for (int i = 0; i < POSTS; i++) {
        LocalBlueskyClient.Ref post =
            customer.mention(
                name + " " + i + " ", network.info().brand().handle(), brand.did(), "?");
        long posted = System.nanoTime();
        String key = key(post);
        while (rt.ticketsWithPost(key).isEmpty()) {
          if (System.nanoTime() - posted > Duration.ofSeconds(60).toNanos()) {
            throw new AssertionError("no ticket for " + key + "\n" + socialdesk.log());
          }
          Thread.sleep(100);
        }
        delays.add((System.nanoTime() - posted) / 1_000_000);
        Thread.sleep(300 + (i * 611L) % 1500);
      }
      return delays;
    } finally {
      socialdesk.stop();
    }
  }

  private static String key(LocalBlueskyClient.Ref post) {
    String uri = post.uri();
    String did = uri.substring("at://".length(), uri.indexOf('/', "at://".length()));
    return "bluesky:" + did + ":" + post.rkey();
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
