package org.socialdesk.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.RunMode;
import org.socialdesk.host.config.ConfigLoader;
import org.socialdesk.host.server.ServerPaths;
import org.socialdesk.host.server.SocialdeskServer;

/**
 * The live wall's event stream, from the bundled SLA plugin in the real server: a wall left open
 * does not hold the shutdown for the grace period (10 s by default); the stream is ended at once
 * and the server stops. Needs no RT: no helpdesk is configured.
 */
class WallShutdownIT {

  private static final String TOKEN = "wall-shutdown-admin-token";

  @Test
  void anOpenWallDoesNotHoldTheShutdownForTheGracePeriod(@TempDir Path folder) throws Exception {
    Path config = folder.resolve("socialdesk.yml");
    Files.writeString(
        config,
        """
        server:
          port: 0
          admin-token: %s
        database:
          url: jdbc:h2:file:%s
        plugins-dir: %s
        """
            .formatted(
                TOKEN,
                folder.resolve("data/socialdesk"),
                SocialdeskProcess.HOME.resolve("plugins")));
    SocialdeskServer server =
        SocialdeskServer.start(
            new ConfigLoader(Map.of()).load(config),
            new ServerPaths(folder, folder.resolve("data")),
            Clock.systemUTC(),
            RunMode.SERVER);
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<InputStream> wall =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/api/wall/stream"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertThat(wall.statusCode()).isEqualTo(200);
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(wall.body(), StandardCharsets.UTF_8));
      String line;
      do {
        line = lines.readLine();
      } while (line != null && !line.equals("event: snapshot"));
      assertThat(line).isEqualTo("event: snapshot"); // the wall is open and live

      long start = System.nanoTime();
      server.close();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
