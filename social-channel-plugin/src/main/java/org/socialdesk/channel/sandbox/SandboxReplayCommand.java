package org.socialdesk.channel.sandbox;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.socialdesk.api.HttpClients;
import org.socialdesk.api.PluginCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code socialdesk sandbox replay FILE.jsonl}: posts a file of sandbox posts to a running
 * Socialdesk. Commands run with the host in command mode, which serves no HTTP, so this is a client
 * of the server started by {@code socialdesk run}.
 */
public final class SandboxReplayCommand implements PluginCommand {

  private final SandboxReplay.Pause pause;
  private final BooleanSupplier interactive;

  public SandboxReplayCommand() {
    this(Thread::sleep, SandboxReplayCommand::runsInTerminal);
  }

  /**
   * @param pause how to wait (between retries, for --rate)
   * @param interactive whether to redraw a progress bar rather than print lines
   */
  SandboxReplayCommand(SandboxReplay.Pause pause, BooleanSupplier interactive) {
    this.pause = pause;
    this.interactive = interactive;
  }

  @Override
  public String name() {
    return "sandbox";
  }

  @Override
  public String description() {
    return "The sandbox network: replay a JSON Lines file of posts into a running Socialdesk";
  }

  /** A client of the running server: it needs no database of its own. */
  @Override
  public boolean startsHost() {
    return false;
  }

  @Override
  public int run(List<String> args, Terminal terminal) {
    CommandLine commandLine =
        new CommandLine(new Root())
            .addSubcommand("replay", new Replay(terminal, pause, interactive));
    commandLine.setCommandName("socialdesk sandbox");
    commandLine.setOut(new PrintWriter(terminal.out(), true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(terminal.err(), true, StandardCharsets.UTF_8));
    return commandLine.execute(args.toArray(String[]::new));
  }

  @Command(
      name = "sandbox",
      description = "The sandbox network.",
      synopsisSubcommandLabel = "replay")
  static final class Root implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help.")
    boolean help;

    @Override
    public Integer call() {
      throw new ParameterException(
          spec.commandLine(), "say what to do, e.g. socialdesk sandbox replay FILE.jsonl");
    }
  }

  @Command(
      name = "replay",
      sortOptions = false,
      description = {
        "Posts each line of FILE.jsonl (one sandbox post as JSON per line) to a running Socialdesk,"
            + " with a progress bar on standard error and a summary on standard output.",
        "Malformed lines are reported with their number and skipped; 502, 503 and 504 answers and lost"
            + " connections are retried for about two minutes (a server restarting).",
        "Exit code 0 when every post was stored or was a duplicate, 1 otherwise, 2 for a usage error."
      })
  static final class Replay implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "FILE.jsonl",
        description = "One post per line, as for POST /api/channels/sandbox/posts.")
    Path file;

    @Option(
        names = "--url",
        paramLabel = "URL",
        defaultValue = "http://127.0.0.1:8080",
        description = "Socialdesk's base URL (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(
        names = "--token-file",
        paramLabel = "FILE",
        description =
            "File holding the admin token (default: data/admin-token, as written by socialdesk run).")
    Path tokenFile;

    @Option(
        names = "--token",
        paramLabel = "TOKEN",
        description =
            "The admin token itself (visible to other users in the process list; prefer --token-file).")
    String token;

    @Option(
        names = "--rate",
        paramLabel = "N",
        description = "At most N posts per second (default: no limit).")
    Double rate;

    @Option(names = "--dry-run", description = "Validate every line; send nothing.")
    boolean dryRun;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help.")
    boolean help;

    private final Terminal terminal;
    private final SandboxReplay.Pause pause;
    private final BooleanSupplier interactive;

    Replay(Terminal terminal, SandboxReplay.Pause pause, BooleanSupplier interactive) {
      this.terminal = terminal;
      this.pause = pause;
      this.interactive = interactive;
    }

    @Override
    public Integer call() throws InterruptedException {
      checkOptions();
      SandboxReplayClient client = null;
      if (!dryRun) {
        String adminToken = adminToken();
        if (adminToken == null) {
          return 1;
        }
        HttpClient http =
            HttpClients.http11OnPlainHttp(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        client = new SandboxReplayClient(http, url, adminToken, pause);
      }
      SandboxReplay replay =
          new SandboxReplay(
              new SandboxPostReader(Clock.systemUTC()), client, rate, pause, System::nanoTime);
      boolean redraw = interactive.getAsBoolean();
      try {
        SandboxReplay.Result result =
            replay.run(file, total -> new SandboxReplayProgress(terminal.err(), redraw, total));
        terminal.out().println(result.summary());
        return result.succeeded() ? 0 : 1;
      } catch (NoSuchFileException e) {
        terminal.err().println("cannot read " + file + ": no such file");
      } catch (IOException e) {
        terminal.err().println("cannot read " + file + ": " + e.getMessage());
      }
      return 1;
    }

    private void checkOptions() {
      if (token != null && tokenFile != null) {
        throw new ParameterException(spec.commandLine(), "give --token or --token-file, not both");
      }
      if (rate != null && !(rate > 0)) {
        throw new ParameterException(
            spec.commandLine(), "--rate must be a number of posts per second above 0");
      }
      String scheme = url.getScheme();
      if (url.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
        throw new ParameterException(
            spec.commandLine(), "--url must be http(s)://host[:port], not " + url);
      }
    }

    /** The admin token, or {@code null} after saying why there is none. */
    private String adminToken() {
      if (token != null) {
        return token.strip();
      }
      Path path = tokenFile != null ? tokenFile : Path.of("data", "admin-token");
      try {
        return Files.readString(path, StandardCharsets.UTF_8).strip();
      } catch (NoSuchFileException e) {
        terminal
            .err()
            .println(
                "no admin token: "
                    + path.toAbsolutePath()
                    + " does not exist; give --token-file FILE"
                    + " (socialdesk run writes data/admin-token in its working directory) or --token TOKEN");
      } catch (IOException e) {
        terminal.err().println("cannot read the admin token from " + path + ": " + e.getMessage());
      }
      return null;
    }
  }

  /**
   * Whether standard output goes to a terminal; {@link Console#isTerminal} exists from JDK 22,
   * where a console is also present when output is redirected. Standard error is assumed to follow.
   */
  private static boolean runsInTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console is only present for a terminal.
    }
  }
}
