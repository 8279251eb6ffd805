package org.socialdesk.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.host.config.ConfigLoader;
import org.socialdesk.host.server.ServerPaths;
import org.socialdesk.host.server.SocialdeskServer;
import org.socialdesk.host.testing.RawHttp;

/**
 * Every path the running server mounts, the host's and the three bundled plugins' (read from the
 * server, not listed here), tried without a token in every spelling that a container might
 * normalize into another path: none reaches a servlet. Needs no RT: no helpdesk is configured.
 */
class HttpAccessIT {

  private static final String TOKEN = "http-access-admin-token";

  @TempDir static Path folder;
  private static SocialdeskServer server;

  @BeforeAll
  static void start() throws Exception {
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
        plugins:
          social-channel:
            sandbox:
              enabled: true
            x:
              enabled: true
              mode: webhook
              base-url: http://127.0.0.1:9
              brand-user-id: "1234567890"
              brand-username: ShopKite
              user-access-token: unused-user-token
              consumer-secret: unused-consumer-secret
        """
            .formatted(
                TOKEN,
                folder.resolve("data/socialdesk"),
                SocialdeskProcess.HOME.resolve("plugins")));
    server =
        SocialdeskServer.start(
            new ConfigLoader(Map.of()).load(config),
            new ServerPaths(folder, folder.resolve("data")),
            Clock.systemUTC(),
            RunMode.SERVER);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void noSpellingOfAMountedPathReachesItWithoutTheToken() throws Exception {
    Map<String, WebRegistry.Access> mounted = server.mountedPaths();
    // The three plugins really are there: otherwise this test would prove little.
    assertThat(mounted)
        .containsKeys(
            "/api/channels/sandbox/*", "/api/channels/x/webhook", "/wall/*", "/api/sla/*");
    assertThat(
            RawHttp.send(
                    server.port(), "GET", "/api/admin/plugins", "Authorization: Bearer " + TOKEN)
                .body())
        .contains("\"social-channel\"")
        .contains("\"sla\"")
        .contains("\"sentiment\"");

    List<String> publicPaths = new ArrayList<>(List.of("/x"));
    List<String> targets = new ArrayList<>();
    mounted.forEach(
        (spec, access) -> {
          List<String> concrete = concretePaths(spec);
          targets.addAll(concrete);
          if (access == WebRegistry.Access.PUBLIC) {
            publicPaths.addAll(concrete);
          }
        });

    SoftAssertions softly = new SoftAssertions();
    int tried = 0;
    for (String target : targets) {
      for (String variant : variants(target, publicPaths)) {
        for (String method : List.of("GET", "POST")) {
          RawHttp.Answer answer = RawHttp.send(server.port(), method, variant, "Content-Length: 0");
          softly.assertThat(answer.status()).as(method + " " + variant).isIn(400, 401);
          softly.assertThat(answer.body()).as(method + " " + variant).startsWith("{\"error\":");
          tried++;
        }
      }
    }
    softly.assertAll();
    assertThat(tried).isGreaterThan(1000);
  }

  /**
   * A path spec as paths a client would call: {@code /a/*} gives {@code /a}, {@code /a/} and {@code
   * /a/probe}.
   */
  private static List<String> concretePaths(String spec) {
    if (!spec.endsWith("/*")) {
      return List.of(spec);
    }
    String prefix = spec.substring(0, spec.length() - 2);
    return List.of(prefix, prefix + "/", prefix + "/probe", prefix + "/posts");
  }

  /** Spellings of {@code target} that a lenient container might serve as {@code target}. */
  private static Set<String> variants(String target, List<String> publicPaths) {
    String rest = target.substring(1);
    Set<String> variants = new LinkedHashSet<>();
    for (String from : publicPaths) {
      String climb = "/..".repeat(depth(from));
      variants.add(from + climb + target);
      variants.add(from + "/%2e%2e".repeat(depth(from)) + target);
      variants.add(from + "/%2E.".repeat(depth(from)) + target);
      variants.add(from + "/.%2e".repeat(depth(from)) + target);
      variants.add(from + "/..%2f".repeat(depth(from)) + rest);
      variants.add(from + "/..%5c".repeat(depth(from)) + rest);
      variants.add(from + "/..;".repeat(depth(from)) + target);
      variants.add(from.toUpperCase(Locale.ROOT) + climb + target);
      variants.add(from + "/./.." + climb + target);
    }
    variants.add("/x/.." + target);
    variants.add("/%2e%2e" + target);
    variants.add("/%2e" + target);
    variants.add("/." + target);
    variants.add("/" + target);
    variants.add(target.replace("/", "//"));
    variants.add(target + ";jsessionid=x");
    variants.add(target.replaceFirst("/", "/;x=1/"));
    variants.add(target + "/.");
    variants.add(target + "/..");
    variants.add(target + "/%2e");
    variants.add(target + "/%2e%2e");
    variants.add(target + "/x/..");
    variants.add(target + "/x/%2e%2e");
    variants.add("/" + rest.replace("/", "%2f"));
    variants.add("/" + rest.replace("/", "%2F"));
    variants.add("/" + rest.replace("/", "%5c"));
    variants.add("/" + rest.replace("/", "\\"));
    variants.add(target + "%00");
    variants.add(target + "%2500");
    variants.add(target.toUpperCase(Locale.ROOT));
    variants.add(target.substring(0, 2).toUpperCase(Locale.ROOT) + target.substring(2));
    variants.remove(target);
    return variants;
  }

  private static int depth(String path) {
    return (int) path.chars().filter(c -> c == '/').count() - (path.endsWith("/") ? 1 : 0);
  }
}
