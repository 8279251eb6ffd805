package org.socialdesk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real local Bluesky (AT Protocol) network for one test class: {@code $BSKY_HOME/start-network.sh
 * --exit-on-stdin-close}, installed by {@code scripts/bluesky/install.sh}. Register it as a static
 * {@code @RegisterExtension}; it starts before the class's first test (about 6 s, up to {@link
 * #STARTUP} on a busy machine), and is stopped after the last. Every start is a fresh world: the
 * URLs, DIDs and accounts come from the network's JSON line ({@link #info()}).
 *
 * <p>Without an installed network a test is skipped on a developer's machine but fails on CI, where
 * skipping would hide a missing install step (as {@link TestingPostgres} does).
 */
public final class LocalBluesky implements BeforeAllCallback, AfterAllCallback {

  /** The network prints its line after about 6 s; a shared, busy machine may need far longer. */
  public static final Duration STARTUP = Duration.ofSeconds(120);

  private static final ObjectMapper JSON = new ObjectMapper();

  private Process process;
  private Info info;

  /**
   * The network's coordinates, from its JSON line.
   *
   * @param pds the PDS's URL, where every call goes
   * @param jetstream the Jetstream emulation's {@code ws://…/subscribe} URL
   * @param chatProxyHeader the {@code atproto-proxy} value for {@code chat.bsky.*} calls
   * @param brand the brand's account
   * @param customer a customer's account
   * @param line the whole line, for what the other fields leave out
   */
  public record Info(
      URI pds,
      URI jetstream,
      String chatProxyHeader,
      Account brand,
      Account customer,
      JsonNode line) {}

  /** An account of the network, with its password (not an app password). */
  public record Account(String handle, String password, String did) {}

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  public Info info() {
    if (info == null) {
      throw new IllegalStateException("the local Bluesky network is not started");
    }
    return info;
  }

  /** Starts the network and waits for its JSON line. */
  public void start() throws IOException, InterruptedException {
    Path script = home().resolve("start-network.sh");
    if (!Files.isExecutable(script)) {
      String why = script + " is missing: run scripts/bluesky/install.sh";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(why + " (CI runs scripts/test.sh, which does)");
      }
      Assumptions.assumeTrue(false, why + "; skipped outside CI");
    }
    Path log = Files.createTempFile("socialdesk-bluesky-", ".log");
    process =
        new ProcessBuilder(script.toString(), "--exit-on-stdin-close")
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      info = parse(firstLine(process.getInputStream(), log));
    } catch (IOException | RuntimeException e) {
      stop();
      throw e;
    }
  }

  /** Stops the network (SIGTERM, then SIGKILL after 10 s) and its children. */
  public void stop() {
    Process running = process;
    process = null;
    info = null;
    if (running == null) {
      return;
    }
    running.descendants().forEach(ProcessHandle::destroy);
    running.destroy();
    try {
      if (!running.waitFor(10, TimeUnit.SECONDS)) {
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path home() {
    String configured = System.getenv("BSKY_HOME");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    if ("root".equals(System.getProperty("user.name"))) {
      // As scripts/bluesky/install.sh: PostgreSQL's user cannot enter /root.
      return Path.of("/var/cache/socialdesk-bluesky");
    }
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("socialdesk-bluesky");
  }

  /**
   * The first line the network prints, within {@link #STARTUP}; the rest of its output is drained
   * so that it never blocks on a full pipe.
   */
  private static String firstLine(InputStream stdout, Path log)
      throws IOException, InterruptedException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("local-bluesky-stdout")
        .start(
            () -> {
              try {
                line.complete(reader.readLine());
                while (reader.readLine() != null) {
                  // drained
                }
              } catch (IOException e) {
                line.completeExceptionally(e);
              }
            });
    try {
      String first = line.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
      if (first == null) {
        throw new IOException("the local Bluesky network exited before it was ready; see " + log);
      }
      return first;
    } catch (TimeoutException e) {
      throw new IOException(
          "the local Bluesky network printed nothing within " + STARTUP + "; see " + log, e);
    } catch (ExecutionException e) {
      throw new IOException("cannot read the local Bluesky network's output; see " + log, e);
    }
  }

  private static Info parse(String line) throws IOException {
    JsonNode json = JSON.readTree(line);
    if (!json.path("ready").asBoolean(false)) {
      throw new IOException("the local Bluesky network is not ready: " + line);
    }
    return new Info(
        URI.create(json.path("pds").asText()),
        URI.create(json.path("jetstream").asText()),
        json.path("chatProxyHeader").asText(),
        account(json.path("accounts").path("brand")),
        account(json.path("accounts").path("customer")),
        json);
  }

  private static Account account(JsonNode account) {
    return new Account(
        account.path("handle").asText(),
        account.path("password").asText(),
        account.path("did").asText());
  }
}
