package org.socialdesk.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code bin/socialdesk} as an admin runs it: {@code check} against the real RT, {@code
 * plugins install|list|remove} on a plugins folder of its own, and a plugin's command found through
 * the {@code --config} that names that folder.
 */
class CommandLineIT {

  @TempDir Path work;
  private Path plugins;
  private Path config;
  private TestRt rt;

  @BeforeEach
  void configure() throws IOException {
    rt = TestRt.fromEnvironment();
    plugins = Files.createDirectories(work.resolve("my-plugins"));
    config =
        Files.writeString(
            work.resolve("socialdesk.yml"),
            """
        plugins-dir: %s
        database:
          url: jdbc:h2:file:%s
        helpdesk:
          rt:
            url: %s
            token: %s
        """
                .formatted(plugins, work.resolve("db"), rt.url(), rt.token()));
  }

  @Test
  void checkSaysOkWhenEveryPeerAnswersAndNamesEachProblemWithItsLineOtherwise() throws Exception {
    // On its own, not after another test's provisioning: RT may be fresh from a reset.
    Result provisioned = run("", "rt", "provision", "--config", config.toString());
    assertThat(provisioned.exitCode()).as(provisioned.output()).isZero();
    Result ok = run("", "check", "--config", config.toString());
    assertThat(ok.exitCode()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("OK: ");

    Path broken =
        Files.writeString(
            work.resolve("broken.yml"),
            """
        server:
          port: eighty
        helpdesk:
          rt:
            url: %s
            tokn: typo
        """
                .formatted(rt.url()));
    Result refused = run("", "check", "--config", broken.toString());
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output())
        .contains("PROBLEM:")
        .contains("broken.yml:2: 'server.port'")
        .contains("broken.yml:6: 'helpdesk.rt.tokn'");
  }

  @Test
  void aPluginInstalledIntoTheConfiguredFolderIsListedItsCommandRunsAndItCanBeRemoved()
      throws Exception {
    Path jar = SocialdeskProcess.HOME.resolve("plugins/socialdesk-sentiment-plugin.jar");

    Result installed = run("", "plugins", "install", jar.toString(), "--config", config.toString());
    assertThat(installed.exitCode()).as(installed.output()).isZero();
    Result listed = run("", "plugins", "list", "--config", config.toString());
    assertThat(listed.output()).contains("sentiment");
    Result classified =
        run(
            "I love this, thank you so much!\n",
            "sentiment",
            "classify",
            "--config",
            config.toString());
    assertThat(classified.exitCode()).as(classified.output()).isZero();
    assertThat(classified.output()).contains("\"label\":\"positive\"").contains("\"lang\":\"en\"");

    Result removed = run("", "plugins", "remove", "sentiment", "--config", config.toString());
    assertThat(removed.exitCode()).as(removed.output()).isZero();
    assertThat(run("", "plugins", "list", "--config", config.toString()).output())
        .doesNotContain("sentiment");
    assertThat(run("", "sentiment", "classify", "--config", config.toString()).exitCode())
        .isNotZero();
  }

  @Test
  void runRefusesABrokenSlaSectionListingEveryProblemAtOnce() throws Exception {
    // The bundled plugins (no plugins-dir): the SLA plugin reads this section.
    Path broken =
        Files.writeString(
            work.resolve("broken-sla.yml"),
            """
        server:
          port: 0
        database:
          url: jdbc:h2:file:%s
        plugins:
          sla:
            calendars:
              office:
                type: business-hours
                zone: Mars/Olympus
                hours:
                  mon: ["22:00-06:00"]
            policies:
              - name: angry
                match: {sentiment: [furious]}
                calendar: night-shift
                first-response: 15m
        """
                .formatted(work.resolve("db-broken")));

    Process process =
        new ProcessBuilder(
                SocialdeskProcess.HOME.resolve("bin/socialdesk").toString(),
                "run",
                "--config",
                broken.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    java.util.concurrent.CompletableFuture<String> output =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return e.toString();
              }
            });
    boolean ended = process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }

    String printed = output.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(ended).as("run stopped by itself; it printed:%n%s", printed).isTrue();
    assertThat(process.exitValue()).as(printed).isEqualTo(2);
    assertThat(printed)
        .contains(
            "1 plugin has an invalid configuration",
            "plugin sla",
            "Mars/Olympus",
            "22:00-06:00",
            "furious",
            "night-shift");
  }

  private record Result(int exitCode, String output) {}

  private Result run(String input, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(SocialdeskProcess.HOME.resolve("bin/socialdesk").toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }
}
