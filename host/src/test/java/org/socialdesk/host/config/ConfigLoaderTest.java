package org.socialdesk.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.ConfigException;

class ConfigLoaderTest {

  @TempDir Path folder;

  private final ConfigLoader loader =
      new ConfigLoader(Map.of("RT_TOKEN", "1-14-abc", "PORT", "9090"));

  @Test
  void embeddedDefaultsNeedNoFile() {
    SocialdeskConfig config = loader.defaults().config();

    assertThat(config.server().host()).isEqualTo("127.0.0.1");
    assertThat(config.server().port()).isEqualTo(8080);
    assertThat(config.server().adminToken()).isNull();
    assertThat(config.database().url()).isEqualTo("jdbc:h2:file:./data/socialdesk");
    assertThat(config.database().isPostgres()).isFalse();
    assertThat(config.helpdesk().isConfigured()).isFalse();
    assertThat(config.pipeline().workers()).isEqualTo(8);
    assertThat(config.httpClient().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.plugins()).isEmpty();
  }

  @Test
  void bindsEveryKeyOfAFullFile() throws IOException {
    SocialdeskConfig config =
        load("""
            server:
              host: 0.0.0.0
              port: 9000
              admin-token: s3cret
              shutdown-timeout: 3s
            database:
              url: jdbc:postgresql://127.0.0.1:5432/socialdesk
              username: socialdesk
              password: pw
              pool-size: 5
            helpdesk:
              rt:
                url: http://127.0.0.1:8095
                token: ${RT_TOKEN}
                queue: Care
                service-user: bot
                poll-interval: 500ms
                max-concurrent-calls: 2
            pipeline:
              workers: 12
              first-retry: 2s
              max-retry-delay: 1h
            http-client:
              connect-timeout: 1s
              request-timeout: 2m
            plugins-dir: /opt/plugins
            plugins:
              sla:
                enabled: false
            """)
            .config();

    assertThat(config.server().host()).isEqualTo("0.0.0.0");
    assertThat(config.server().port()).isEqualTo(9000);
    assertThat(config.server().adminToken().reveal()).isEqualTo("s3cret");
    assertThat(config.server().shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.database().isPostgres()).isTrue();
    assertThat(config.database().username()).isEqualTo("socialdesk");
    assertThat(config.database().password().reveal()).isEqualTo("pw");
    assertThat(config.database().poolSize()).isEqualTo(5);
    RtConfig rt = config.helpdesk().rt();
    assertThat(rt.url()).isEqualTo(URI.create("http://127.0.0.1:8095"));
    assertThat(rt.token().reveal()).isEqualTo("1-14-abc");
    assertThat(rt.queue()).isEqualTo("Care");
    assertThat(rt.serviceUser()).isEqualTo("bot");
    assertThat(rt.pollInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(rt.maxConcurrentCalls()).isEqualTo(2);
    assertThat(config.pipeline().workers()).isEqualTo(12);
    assertThat(config.pipeline().firstRetry()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.pipeline().maxRetryDelay()).isEqualTo(Duration.ofHours(1));
    assertThat(config.httpClient().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.httpClient().requestTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.pluginsDir()).isEqualTo("/opt/plugins");
    assertThat(config.plugins()).containsOnlyKeys("sla");
  }

  @Test
  void unknownKeyIsNamedWithItsLineAndTheKnownKeys() throws IOException {
    assertThatThrownBy(() -> load("server:\n  host: 127.0.0.1\n  prot: 8080\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("socialdesk.yml:3: 'server.prot' is not a known key")
        .hasMessageContaining("known keys here: admin-token, host, port, shutdown-timeout");
  }

  @Test
  void wrongTypeIsNamedWithItsLine() throws IOException {
    assertThatThrownBy(() -> load("server:\n  port: eighty\n"))
        .hasMessageContaining(
            "socialdesk.yml:2: 'server.port' expects a whole number, got 'eighty'");
  }

  @Test
  void reportsEveryProblemOfTheFileAtOnce() throws IOException {
    assertThatThrownBy(
            () ->
                load(
                    "server:\n  port: x\ndatabse:\n  url: y\nhttp-client:\n  connect-timeout: soon\n"))
        .hasMessageStartingWith("3 configuration problems")
        .hasMessageContaining(":2: 'server.port'")
        .hasMessageContaining(":3: 'databse' is not a known key")
        .hasMessageContaining(":6: 'http-client.connect-timeout' not a duration: 'soon'");
  }

  @Test
  void aKeyGivenTwiceIsAnErrorWithItsLine() throws IOException {
    assertThatThrownBy(() -> load("server:\n  port: 1\nserver:\n  port: 2\n"))
        .hasMessageContaining("socialdesk.yml:3")
        .hasMessageContaining("Duplicate field 'server'");
  }

  @Test
  void unsetEnvironmentVariableNamesTheKeyAndTheVariable() throws IOException {
    assertThatThrownBy(() -> load("server:\n  admin-token: ${ADMIN_TOKEN}\n"))
        .hasMessageContaining(
            ":2: 'server.admin-token' refers to environment variable ADMIN_TOKEN, which is not set");
  }

  @Test
  void environmentVariablesExpandInTextAndDefaultsApply() throws IOException {
    SocialdeskConfig config =
        load("server:\n  host: ${HOST:-localhost}\nhelpdesk:\n  rt:\n    url: http://rt\n    token: ${RT_TOKEN}\n")
            .config();

    assertThat(config.server().host()).isEqualTo("localhost");
    assertThat(config.helpdesk().rt().token().reveal()).isEqualTo("1-14-abc");
  }

  @Test
  void numbersCanComeFromTheEnvironmentAndABadOneNamesTheKey() throws IOException {
    assertThat(load("server:\n  port: ${PORT}\n").config().server().port()).isEqualTo(9090);
    assertThatThrownBy(() -> load("server:\n  port: ${RT_TOKEN}\n"))
        .hasMessageContaining(
            ":2: 'server.port' expects a whole number, got '${RT_TOKEN}' (= '1-14-abc'");
  }

  @Test
  void invalidValueCaughtByTheRecordNamesTheSection() throws IOException {
    assertThatThrownBy(() -> load("database:\n  url: jdbc:mysql://x/y\n"))
        .hasMessageContaining("database.url must be a jdbc:h2: or jdbc:postgresql: URL");
  }

  @Test
  void secretsNeverPrint() throws IOException {
    SocialdeskConfig config = load("server:\n  admin-token: hunter2\n").config();

    assertThat(config.toString()).doesNotContain("hunter2").contains("******");
  }

  @Test
  void pluginSectionBindsWithTheSameRulesAndLines() throws IOException {
    LoadedConfig loaded = load("plugins:\n  demo:\n    name: x\n    size: big\n");

    assertThat(loaded.pluginSection("demo").isPresent()).isTrue();
    assertThat(loaded.pluginSection("other").isPresent()).isFalse();
    assertThatThrownBy(() -> loaded.pluginSection("demo").bind(Demo.class))
        .hasMessageContaining(":4: 'plugins.demo.size' expects a whole number, got 'big'");
    assertThat(loaded.pluginSection("other").bind(Demo.class))
        .isEqualTo(new Demo(null, null, null));
  }

  @Test
  void pluginSectionBindsListsAndNestedRecords() throws IOException {
    LoadedConfig loaded =
        load("plugins:\n  demo:\n    name: ${RT_TOKEN}\n    size: 3\n    tags: [a, b]\n");

    assertThat(loaded.pluginSection("demo").bind(Demo.class))
        .isEqualTo(new Demo("1-14-abc", 3, List.of("a", "b")));
  }

  @Test
  void missingFileIsAClearError() {
    assertThatThrownBy(() -> loader.load(folder.resolve("nope.yml")))
        .hasMessageContaining("nope.yml does not exist");
  }

  record Demo(String name, Integer size, List<String> tags) {}

  private LoadedConfig load(String yaml) throws IOException {
    Path file = folder.resolve("socialdesk.yml");
    Files.writeString(file, yaml);
    return loader.load(file);
  }
}
