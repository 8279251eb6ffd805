package org.socialdesk.host.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real distribution ({@code target/socialdesk}, built by the package phase) run as its own
 * process, so tests can stop it gracefully or kill it with SIGKILL mid-work.
 */
final class SocialdeskProcess implements AutoCloseable {

  static final Path HOME = Path.of("target/socialdesk").toAbsolutePath();
  static final String ADMIN_TOKEN = "e2e-admin-token";

  private final Path workDir;
  private final Path config;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  // Volatile: the chaos test launches and kills it on one thread while senders look at it on
  // others.
  private volatile Process process;

  private SocialdeskProcess(Path workDir, Path config, int port) {
    this.workDir = workDir;
    this.config = config;
    this.port = port;
  }

  /**
   * Writes a configuration for the given RT in a fresh folder; {@code pluginsYaml} is the whole
   * {@code plugins} section (empty: just the sandbox network).
   */
  static SocialdeskProcess configure(Path workDir, TestRt rt, String pluginsYaml)
      throws IOException {
    return configure(workDir, rt, "", pluginsYaml);
  }

  /**
   * @param rtYaml more keys of {@code helpdesk.rt} (e.g. {@code tag-queues: [General]})
   */
  static SocialdeskProcess configure(Path workDir, TestRt rt, String rtYaml, String pluginsYaml)
      throws IOException {
    return configure(workDir, rt, rtYaml, pluginsYaml, "");
  }

  /**
   * @param moreYaml more top-level sections, e.g. {@code database} (several instances sharing one
   *     PostgreSQL); empty: the embedded H2 database in {@code workDir}
   */
  static SocialdeskProcess configure(
      Path workDir, TestRt rt, String rtYaml, String pluginsYaml, String moreYaml)
      throws IOException {
    int port = freePort();
    Files.createDirectories(workDir);
    Path config = workDir.resolve("socialdesk.yml");
    Files.writeString(
        config,
        """
        server:
          port: %d
          admin-token: %s
        helpdesk:
          rt:
            url: %s
            token: %s
            poll-interval: 500ms
        %s
        pipeline:
          first-retry: 200ms
          max-retry-delay: 2s
        plugins:
        %s
        %s
        """
            .formatted(
                port,
                ADMIN_TOKEN,
                rt.url(),
                rt.token(),
                rtYaml.indent(4).stripTrailing(),
                (pluginsYaml.isBlank()
                        ? "social-channel:\n  sandbox:\n    enabled: true\n"
                        : pluginsYaml)
                    .indent(2)
                    .stripTrailing(),
                moreYaml.stripTrailing()));
    return new SocialdeskProcess(workDir, config, port);
  }

  /** Runs a command-line command to completion; returns its exit code and output. */
  CommandResult command(String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(List.of(HOME.resolve("bin/socialdesk").toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--config", config.toString()));
    Process run =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    String output = new String(run.getInputStream().readAllBytes());
    return new CommandResult(run.waitFor(), output);
  }

  record CommandResult(int exitCode, String output) {}

  void start() throws IOException, InterruptedException {
    launch();
    awaitReady();
  }

  /**
   * Starts the process without waiting for it to be ready: it may refuse connections for a while.
   */
  void launch() throws IOException {
    process =
        new ProcessBuilder(
                HOME.resolve("bin/socialdesk").toString(), "run", "--config", config.toString())
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(workDir.resolve("socialdesk.log").toFile()))
            .start();
  }

  /** Waits until {@code /readyz} answers 200; fails if the process exits or 60 s pass. */
  void awaitReady() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Socialdesk exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        if (get("/readyz").statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Socialdesk was not ready (/readyz) within 60 s:\n" + log());
  }

  /** SIGTERM and wait: the graceful path. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /**
   * SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook runs, nothing is
   * flushed. Returns the exit status (137 = 128 + SIGKILL), or -1 if the process was not running.
   */
  int kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      if (process.waitFor(30, TimeUnit.SECONDS)) {
        return process.exitValue();
      }
    }
    return -1;
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return http.send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + ADMIN_TOKEN);
  }

  /**
   * The URL of {@code path} on this Socialdesk, for requests the admin token must not sign
   * (webhooks).
   */
  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Where the process writes its output, every start of it appended. */
  Path logFile() {
    return workDir.resolve("socialdesk.log");
  }

  String log() {
    try {
      return Files.readString(workDir.resolve("socialdesk.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
