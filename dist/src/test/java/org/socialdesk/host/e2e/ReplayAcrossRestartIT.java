package org.socialdesk.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.RunMode;
import org.socialdesk.host.config.ConfigLoader;
import org.socialdesk.host.config.LoadedConfig;
import org.socialdesk.host.server.ServerPaths;
import org.socialdesk.host.server.SocialdeskServer;
import org.socialdesk.host.testing.RawHttp;

/**
 * {@code socialdesk sandbox replay} against a Socialdesk restarted in the middle of the replay:
 * while it is down the replay cannot connect, while it starts it hears 503, and it must neither
 * give up nor call a post failed. Needs no RT: without a helpdesk, posts wait in the inbox.
 */
class ReplayAcrossRestartIT {

  private static final String TOKEN = "replay-restart-token";
  private static final int POSTS = 40;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  private SocialdeskServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyPostIsStoredExactlyOnceAndNoneFailsWhenTheServerRestartsMidReplay() throws Exception {
    int port = freePort();
    LoadedConfig config = config(port);
    server = start(config);
    Path posts =
        Files.writeString(
            folder.resolve("posts.jsonl"),
            IntStream.rangeClosed(1, POSTS)
                .mapToObj(
                    n ->
                        SandboxPosts.newThread(
                            "restart-" + n,
                            "customer" + n,
                            "Where is my order " + n + "?",
                            Instant.now()))
                .collect(Collectors.joining("\n", "", "\n")));
    Path output = folder.resolve("replay.out");
    Process replay =
        new ProcessBuilder(
                SocialdeskProcess.HOME.resolve("bin/socialdesk").toString(),
                "sandbox",
                "replay",
                posts.toString(),
                "--url",
                "http://127.0.0.1:" + port,
                "--token",
                TOKEN,
                "--rate",
                "8")
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();

    awaitPending(port, 8);
    server.close();
    server = null;
    server = start(config);

    assertThat(replay.waitFor(3, TimeUnit.MINUTES)).as("the replay ends").isTrue();
    String said = Files.readString(output);
    assertThat(replay.exitValue()).as(said).isZero();
    assertThat(said).contains("stored " + POSTS + "  duplicate 0  failed 0");
    assertThat(said).as("the replay really met the restart").contains("retrying in");
    assertThat(pending(port)).isEqualTo(POSTS);
  }

  private LoadedConfig config(int port) throws IOException {
    Path file =
        Files.writeString(
            folder.resolve("socialdesk.yml"),
            """
        server:
          port: %d
          admin-token: %s
          shutdown-timeout: 5s
        database:
          url: jdbc:h2:file:%s
        plugins-dir: %s
        plugins:
          social-channel:
            sandbox:
              enabled: true
        """
                .formatted(
                    port,
                    TOKEN,
                    folder.resolve("data/socialdesk"),
                    SocialdeskProcess.HOME.resolve("plugins")));
    return new ConfigLoader(Map.of()).load(file);
  }

  private SocialdeskServer start(LoadedConfig config) throws Exception {
    return SocialdeskServer.start(
        config, new ServerPaths(folder, folder.resolve("data")), Clock.systemUTC(), RunMode.SERVER);
  }

  private static void awaitPending(int port, int atLeast) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (pending(port) < atLeast) {
      assertThat(Instant.now()).as("posts arrive before the restart").isBefore(deadline);
      Thread.sleep(50);
    }
  }

  /** Posts in the inbox: stored and not yet routed (no helpdesk is configured, so all of them). */
  private static int pending(int port) throws IOException {
    RawHttp.Answer status =
        RawHttp.send(port, "GET", "/api/admin/pipeline", "Authorization: Bearer " + TOKEN);
    assertThat(status.status()).as(status.body()).isEqualTo(200);
    return JSON.readTree(status.body()).path("pending").asInt();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
