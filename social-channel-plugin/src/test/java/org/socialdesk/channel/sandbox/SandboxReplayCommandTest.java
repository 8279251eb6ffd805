package org.socialdesk.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.PluginCommand;
import org.socialdesk.channel.sandbox.FakeSocialdeskServer.Answer;

class SandboxReplayCommandTest {

  @TempDir Path dir;

  private final FakeSocialdeskServer server = startServer();
  private final List<Duration> pauses = new ArrayList<>();
  private final SandboxReplayCommand command = new SandboxReplayCommand(pauses::add, () -> false);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void postsEveryLineWithTheTokenAndReportsProgressAndASummary() throws Exception {
    Path file = write(posts(3));

    int exit = replay("--token", "s3cret", file.toString());

    assertThat(exit).isZero();
    assertThat(server.received)
        .hasSize(3)
        .allSatisfy(
            request -> {
              assertThat(request.method()).isEqualTo("POST");
              assertThat(request.path()).isEqualTo(FakeSocialdeskServer.PATH);
              assertThat(request.authorization()).isEqualTo("Bearer s3cret");
            });
    assertThat(server.received.getFirst().body()).isEqualTo(post(1));
    assertThat(err()).contains("[####################] 3/3 posts  stored 3  duplicate 0  failed 0");
    assertThat(out()).isEqualTo(file + ": 3 posts, stored 3  duplicate 0  failed 0\n");
  }

  @Test
  void countsDuplicatesAsSuccessAndSkipsBlankLines() throws Exception {
    server.script(
        Answer.of(202, "{\"status\":\"stored\"}"), Answer.of(200, "{\"status\":\"duplicate\"}"));
    Path file = write(post(1) + "\n\n   \n" + post(2) + "\n");

    int exit = replay("--token", "t", file.toString());

    assertThat(exit).isZero();
    assertThat(out()).contains("2 posts, stored 1  duplicate 1  failed 0");
  }

  @Test
  void reportsMalformedLinesWithTheirNumbersAndGoesOn() throws Exception {
    Path file =
        write(
            String.join(
                "\n",
                post(1),
                "{\"id\": \"p-2\", \"author\": ",
                post(3),
                "{\"id\": \"p-4\", \"author\": {\"handle\": \"\"}, \"text\": \"hi\"}",
                post(5)));

    int exit = replay("--token", "t", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(server.received).hasSize(3);
    assertThat(err())
        .contains("line 2: malformed JSON at line 1")
        .contains("line 4: author.handle must not be blank")
        .contains("5/5 posts  stored 3  duplicate 0  failed 2");
  }

  @Test
  void reportsAPostTheServerRefusesAndGoesOn() throws Exception {
    server.script(
        Answer.of(
            400,
            "{\"error\": \"createdAt ... is more than 5 minutes in the future\", \"field\": \"createdAt\"}"));
    Path file = write(posts(2));

    int exit = replay("--token", "t", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(server.received).hasSize(2);
    assertThat(err())
        .contains("line 1: refused, 400: createdAt ... is more than 5 minutes in the future");
  }

  @Test
  void retriesA503WithGrowingBackoffThenStores() throws Exception {
    server.script(Answer.of(503, "{\"error\": \"busy\"}"), Answer.of(503, "{\"error\": \"busy\"}"));
    Path file = write(posts(1));

    int exit = replay("--token", "t", file.toString());

    assertThat(exit).isZero();
    assertThat(server.received).hasSize(3);
    assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(err()).contains("the server answered 503 (busy); retrying in 500 ms");
  }

  @Test
  void waitsAsLongAsRetryAfterSays() throws Exception {
    server.script(new Answer(503, Map.of("Retry-After", "5"), "{\"error\": \"busy\"}"));

    int exit = replay("--token", "t", write(posts(1)).toString());

    assertThat(exit).isZero();
    assertThat(pauses).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void stopsWhenTheServerStaysUnavailable() throws Exception {
    int attempts = SandboxReplayClient.ATTEMPTS;
    server.script(
        IntStream.range(0, attempts)
            .mapToObj(i -> Answer.of(503, "{\"error\": \"busy\"}"))
            .toArray(Answer[]::new));
    Path file = write(posts(3));

    int exit = replay("--token", "t", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(server.received).hasSize(attempts);
    assertThat(pauses).hasSize(attempts - 1);
    assertThat(pauses.stream().map(Duration::toSeconds).reduce(0L, Long::sum))
        .as("longer than a restart")
        .isGreaterThan(60);
    assertThat(out())
        .startsWith(
            "stopped at line 1 of "
                + file
                + ": the server answered 503 (busy), "
                + attempts
                + " times");
  }

  @Test
  void retriesWhatAProxyAnswersWhileTheServerIsAwayThenStores() throws Exception {
    server.script(Answer.of(502, "<html>Bad Gateway</html>"), Answer.of(504, ""));

    int exit = replay("--token", "t", write(posts(1)).toString());

    assertThat(exit).isZero();
    assertThat(server.received).hasSize(3);
    assertThat(out()).contains("stored 1  duplicate 0  failed 0");
  }

  @Test
  void waitsForTheLongerOfRetryAfterAndItsOwnBackoff() throws Exception {
    server.script(
        IntStream.range(0, 4)
            .mapToObj(i -> new Answer(503, Map.of("Retry-After", "1"), "{\"error\": \"starting\"}"))
            .toArray(Answer[]::new));

    int exit = replay("--token", "t", write(posts(1)).toString());

    assertThat(exit).isZero();
    assertThat(pauses)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4));
  }

  @Test
  void aPostWhoseFirstTryWasCutOffCountsAsStoredWhenTheRetryFindsItAlreadyThere() throws Exception {
    server.script(
        FakeSocialdeskServer.Answer.DROP_CONNECTION, Answer.of(200, "{\"status\":\"duplicate\"}"));

    int exit = replay("--token", "t", write(posts(1)).toString());

    assertThat(exit).isZero();
    assertThat(server.received).hasSize(2);
    assertThat(out()).contains("stored 1  duplicate 0  failed 0");
  }

  @Test
  void stopsAtOnceWhenTheTokenIsRefused() throws Exception {
    server.script(Answer.of(401, "{\"error\": \"this endpoint needs the admin token\"}"));

    int exit = replay("--token", "wrong", write(posts(3)).toString());

    assertThat(exit).isEqualTo(1);
    assertThat(server.received).hasSize(1);
    assertThat(out()).contains("the server refused the admin token (401)");
  }

  @Test
  void stopsWhenTheServerHasNoSandbox() throws Exception {
    server.script(Answer.of(404, ""));

    int exit = replay("--token", "t", write(posts(2)).toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out()).contains("plugins.social-channel.sandbox.enabled");
  }

  @Test
  void stopsAfterRetryingWhenNothingListens() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    int exit =
        replay(
            "--url", "http://127.0.0.1:" + closedPort, "--token", "t", write(posts(1)).toString());

    assertThat(exit).isEqualTo(1);
    assertThat(pauses).hasSize(SandboxReplayClient.ATTEMPTS - 1);
    assertThat(out())
        .contains("stopped at line 1")
        .contains("cannot reach http://127.0.0.1:" + closedPort);
  }

  @Test
  void readsTheTokenFromAFile() throws Exception {
    Path tokenFile = dir.resolve("admin-token");
    Files.writeString(tokenFile, "from-file\n");

    int exit = replay("--token-file", tokenFile.toString(), write(posts(1)).toString());

    assertThat(exit).isZero();
    assertThat(server.received.getFirst().authorization()).isEqualTo("Bearer from-file");
  }

  @Test
  void explainsAMissingTokenFile() throws Exception {
    int exit = replay("--token-file", dir.resolve("nope").toString(), write(posts(1)).toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err()).contains("no admin token").contains("nope does not exist");
    assertThat(server.received).isEmpty();
  }

  @Test
  void validatesWithoutSendingOnADryRun() throws Exception {
    Path file = write(post(1) + "\n{\"id\": \"p-2\"}\n" + post(3) + "\n");

    int exit = replay("--dry-run", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(server.received).isEmpty();
    assertThat(err()).contains("line 2: author is required");
    assertThat(out()).isEqualTo(file + ": 3 posts, valid 2  invalid 1 (dry run: nothing sent)\n");
  }

  @Test
  void spacesPostsToTheRequestedRate() throws Exception {
    int exit = replay("--token", "t", "--rate", "10", write(posts(3)).toString());

    assertThat(exit).isZero();
    assertThat(pauses).hasSize(2);
    assertThat(pauses.get(0)).isBetween(Duration.ofMillis(1), Duration.ofMillis(100));
    assertThat(pauses.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void refusesConflictingOrImpossibleOptionsAsUsageErrors() throws Exception {
    Path file = write(posts(1));

    assertThat(replay("--token", "t", "--token-file", "f", file.toString())).isEqualTo(2);
    assertThat(replay("--rate", "0", "--dry-run", file.toString())).isEqualTo(2);
    assertThat(replay("--url", "ftp://example.org", "--dry-run", file.toString())).isEqualTo(2);
    assertThat(replay(file.toString(), "--bogus")).isEqualTo(2);
    assertThat(replay()).isEqualTo(2);
    assertThat(err())
        .contains("give --token or --token-file, not both")
        .contains("Unknown option: '--bogus'");
  }

  @Test
  void explainsAMissingFile() throws Exception {
    int exit = replay("--dry-run", dir.resolve("missing.jsonl").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err()).contains("missing.jsonl: no such file");
  }

  @Test
  void explainsAFileThatIsNotUtf8() throws Exception {
    Path file = dir.resolve("latin1.jsonl");
    Files.write(file, post(1).replace("hello", "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));

    int exit = replay("--dry-run", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err()).contains("is not UTF-8 text");
  }

  @Test
  void printsHelpForTheCommandAndTheSubCommand() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(run("replay", "--help")).isZero();
    assertThat(out())
        .contains("Usage: socialdesk sandbox [-h] replay", "Usage: socialdesk sandbox replay")
        .contains("--rate=N")
        .contains("--dry-run")
        .contains("--token-file=FILE");
  }

  private int replay(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("replay", "--url", server.baseUrl().toString()));
    if (List.of(args).contains("--url")) {
      all = new ArrayList<>(List.of("replay"));
    }
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  private int run(String... args) throws Exception {
    PluginCommand.Terminal terminal =
        new PluginCommand.Terminal(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return command.run(List.of(args), terminal);
  }

  private Path write(String lines) throws IOException {
    return Files.writeString(dir.resolve("posts.jsonl"), lines);
  }

  private static String posts(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(SandboxReplayCommandTest::post)
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static String post(int n) {
    return "{\"id\": \"p-"
        + n
        + "\", \"author\": {\"handle\": \"alice\"}, \"text\": \"hello "
        + n
        + "\"}";
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static FakeSocialdeskServer startServer() {
    try {
      return new FakeSocialdeskServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
