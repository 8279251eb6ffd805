package org.socialdesk.host.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.RunMode;
import org.socialdesk.host.config.ConfigLoader;
import org.socialdesk.host.config.LoadedConfig;

/** The host started for real on a free port, with an H2 file database and the bundled plugins. */
class SocialdeskServerTest {

  @TempDir Path folder;

  private SocialdeskServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
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
    LoadedConfig config = new ConfigLoader(Map.of()).load(file);
    server =
        SocialdeskServer.start(
            config,
            new ServerPaths(folder, folder.resolve("data")),
            Clock.systemUTC(),
            RunMode.SERVER);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void livenessAnswersWithoutAToken() throws Exception {
    HttpResponse<String> response = get("/healthz", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void readinessReportsTheDatabase() throws Exception {
    HttpResponse<String> response = get("/readyz", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"database\":\"ok\"");
  }

  @Test
  void adminEndpointsRefuseAMissingOrWrongToken() throws Exception {
    assertThat(get("/api/admin/plugins", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/admin/plugins", "wrong").statusCode()).isEqualTo(401);
    assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
    assertThat(get("/no/such/page", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/admin/plugins", null).headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"socialdesk\"");
  }

  @Test
  void adminEndpointsAnswerWithTheToken() throws Exception {
    HttpResponse<String> plugins = get("/api/admin/plugins", "test-admin-token");
    HttpResponse<String> metrics = get("/metrics", "test-admin-token");

    assertThat(plugins.statusCode()).isEqualTo(200);
    assertThat(plugins.body()).isEqualTo("[]");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
  }

  @Test
  void thePipelinesBacklogAnswersAdminsOnly() throws Exception {
    HttpResponse<String> status = get("/api/admin/pipeline", "test-admin-token");

    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body())
        .isEqualTo(
            "{\"routedSinceStart\":0,\"pending\":0,\"oldestPendingSince\":null,\"failed\":0,"
                + "\"parked\":0,\"parkedEvents\":[],\"quarantined\":{\"count\":0,\"latest\":[]}}");
    assertThat(get("/api/admin/pipeline", null).statusCode()).isEqualTo(401);
  }

  @Test
  void thePublicationLogAnswersAdminsAndExplainsBadParameters() throws Exception {
    HttpResponse<String> log =
        get("/api/admin/published?since=2026-01-01T00:00:00Z&limit=10", "test-admin-token");
    HttpResponse<String> badSince = get("/api/admin/published?since=yesterday", "test-admin-token");

    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(log.body()).isEqualTo("[]");
    assertThat(badSince.statusCode()).isEqualTo(400);
    assertThat(badSince.body()).contains("since must be an ISO-8601 instant");
    assertThat(get("/api/admin/published", null).statusCode()).isEqualTo(401);
  }

  @Test
  void unknownPathsWithTheTokenAreNotFoundWithoutDetails() throws Exception {
    HttpResponse<String> response = get("/no/such/page", "test-admin-token");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
  }

  @Test
  void theDataFolderAndEverythingInItAreReadableByTheirOwnerOnly() throws Exception {
    Path data = folder.resolve("data");
    Assumptions.assumeTrue(
        Files.getFileAttributeView(data, PosixFileAttributeView.class) != null,
        "POSIX file system");

    assertThat(Files.getPosixFilePermissions(data))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    try (Stream<Path> files = Files.list(data)) {
      List<Path> regular = files.filter(Files::isRegularFile).toList();
      assertThat(regular)
          .extracting(file -> file.getFileName().toString())
          .contains("socialdesk.mv.db");
      assertThat(regular)
          .allSatisfy(
              file ->
                  assertThat(Files.getPosixFilePermissions(file))
                      .as(file.toString())
                      .isEqualTo(PosixFilePermissions.fromString("rw-------")));
    }
  }

  @Test
  void aDataFolderLeftOpenByAnEarlierVersionIsClosedOnTheNextStart() throws Exception {
    Path data = folder.resolve("data");
    Assumptions.assumeTrue(
        Files.getFileAttributeView(data, PosixFileAttributeView.class) != null,
        "POSIX file system");
    server.close();
    Path token = Files.writeString(data.resolve("admin-token"), "old\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

    start();

    assertThat(Files.getPosixFilePermissions(data))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.getPosixFilePermissions(token))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  private HttpResponse<String> get(String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
