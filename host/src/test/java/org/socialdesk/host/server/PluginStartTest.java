package org.socialdesk.host.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.ConfigException;
import org.socialdesk.api.RunMode;
import org.socialdesk.host.config.ConfigLoader;
import org.socialdesk.host.config.LoadedConfig;
import org.socialdesk.host.plugin.PluginState;
import org.socialdesk.host.plugin.TestJars;

/**
 * How a plugin's invalid configuration and a plugin failing while it runs show at start and on
 * /readyz.
 */
class PluginStartTest {

  @TempDir Path folder;

  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void clearSwitches() {
    for (String id : new String[] {"alpha", "beta", "gamma"}) {
      System.clearProperty("testplugin.invalid-" + id);
      System.clearProperty("testplugin.crash-" + id);
    }
  }

  private LoadedConfig config() throws Exception {
    Path file = folder.resolve("socialdesk.yml");
    Files.writeString(
        file,
        """
        server:
          port: 0
          admin-token: test-admin-token
        database:
          url: jdbc:h2:file:%s
        plugins-dir: %s
        """
            .formatted(folder.resolve("data/socialdesk"), folder.resolve("plugins")));
    return new ConfigLoader(Map.of()).load(file);
  }

  private void plugins(String... ids) throws Exception {
    for (String id : ids) {
      TestJars.plugin(folder.resolve("plugins"), id + ".jar", id, "1.0");
    }
  }

  private SocialdeskServer start(RunMode mode) throws Exception {
    return SocialdeskServer.start(
        config(), new ServerPaths(folder, folder.resolve("data")), Clock.systemUTC(), mode);
  }

  @Test
  void pluginsWithInvalidConfigurationStopTheServerStartWithEveryProblemListed() throws Exception {
    plugins("alpha", "beta", "gamma");
    System.setProperty("testplugin.invalid-alpha", "true");
    System.setProperty("testplugin.invalid-gamma", "true");

    assertThatThrownBy(() -> start(RunMode.SERVER))
        .isInstanceOf(ConfigException.class)
        .hasMessageContainingAll(
            "2 plugins have an invalid configuration",
            "plugin alpha (alpha.jar)",
            "plugin gamma (gamma.jar)",
            "colour: unknown value 'mauve'",
            "size: must be > 0, got -1")
        .hasMessageNotContaining("plugin beta");

    // Everything started was released: the same folder and database start cleanly once fixed.
    System.clearProperty("testplugin.invalid-alpha");
    System.clearProperty("testplugin.invalid-gamma");
    try (SocialdeskServer server = start(RunMode.SERVER)) {
      assertThat(server.plugins().started()).hasSize(3);
    }
  }

  @Test
  void aCommandStillStartsSoThatCheckCanListTheInvalidPlugin() throws Exception {
    plugins("alpha");
    System.setProperty("testplugin.invalid-alpha", "true");

    try (SocialdeskServer server = start(RunMode.COMMAND)) {
      assertThat(server.plugins().all().getFirst().state())
          .isInstanceOfSatisfying(
              PluginState.Failed.class,
              failed -> assertThat(failed.reason()).contains("colour: unknown value 'mauve'"));
    }
  }

  @Test
  void aPluginWhoseScheduledTaskDiesMakesReadyzSaySo() throws Exception {
    plugins("alpha", "beta");
    System.setProperty("testplugin.crash-beta", "true");

    try (SocialdeskServer server = start(RunMode.SERVER)) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                HttpResponse<String> readyz =
                    http.send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.port() + "/readyz"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(readyz.statusCode()).isEqualTo(503);
                assertThat(readyz.body())
                    .contains("not ready", "plugin beta", "the clock broke")
                    .doesNotContain("plugin alpha");
              });
    }
  }

  @Test
  void healthyPluginsLeaveReadyzReady() throws Exception {
    plugins("alpha");

    try (SocialdeskServer server = start(RunMode.SERVER)) {
      HttpResponse<String> readyz =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/readyz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(readyz.statusCode()).as(readyz.body()).isEqualTo(200);
    }
  }
}
