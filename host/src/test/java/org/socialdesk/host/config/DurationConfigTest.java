package org.socialdesk.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.ConfigException;

/** Durations in the host's keys and in plugins' sections, written as Socialdesk prints them. */
class DurationConfigTest {

  @TempDir Path folder;

  private final ConfigLoader loader = new ConfigLoader(Map.of("WINDOW", "1h30m"));

  record Targets(Duration firstResponse, Duration resolution, List<Duration> warnings) {}

  @Test
  void hostKeysTakeCompoundDurations() throws IOException {
    SocialdeskConfig config =
        load("""
                server:
                  shutdown-timeout: 1m30s
                pipeline:
                  first-retry: 1s500ms
                  max-retry-delay: 2h30m
                http-client:
                  request-timeout: PT45S
                """)
            .config();

    assertThat(config.server().shutdownTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.pipeline().firstRetry()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.pipeline().maxRetryDelay()).isEqualTo(Duration.ofMinutes(150));
    assertThat(config.httpClient().requestTimeout()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void pluginSectionsTakeThemToInListsAndFromTheEnvironment() throws IOException {
    LoadedConfig loaded =
        load(
            """
            plugins:
              demo:
                first-response: 2h30m
                resolution: ${WINDOW}
                warnings: [45m, 1d, 90s, PT2H30M]
            """);

    assertThat(loaded.pluginSection("demo").bind(Targets.class))
        .isEqualTo(
            new Targets(
                Duration.ofMinutes(150),
                Duration.ofMinutes(90),
                List.of(
                    Duration.ofMinutes(45),
                    Duration.ofDays(1),
                    Duration.ofSeconds(90),
                    Duration.ofMinutes(150))));
  }

  @Test
  void aGarbageDurationNamesItsKeyAndLineAndWhatToWrite() throws IOException {
    LoadedConfig loaded =
        load(
            """
            plugins:
              demo:
                first-response: 2h30m
                resolution: two hours
            """);

    assertThatThrownBy(() -> loaded.pluginSection("demo").bind(Targets.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "socialdesk.yml:4: 'plugins.demo.resolution' not a duration: 'two hours'")
        .hasMessageContaining("2h30m")
        .hasMessageContaining("PT2H30M");
    assertThatThrownBy(() -> load("pipeline:\n  max-retry-delay: 30m2h\n"))
        .hasMessageContaining(
            "socialdesk.yml:2: 'pipeline.max-retry-delay' not a duration: '30m2h'");
  }

  private LoadedConfig load(String yaml) throws IOException {
    Path file = folder.resolve("socialdesk.yml");
    Files.writeString(file, yaml);
    return loader.load(file);
  }
}
