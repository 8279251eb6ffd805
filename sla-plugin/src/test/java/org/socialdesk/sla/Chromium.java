package org.socialdesk.sla;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}, or {@code $CHROMIUM}), run once per page
 * with a new empty profile and the flags that keep it off the network. Absent, a test is skipped,
 * except on CI ({@code CI} set), where it fails: CI must run the browser tests.
 */
public final class Chromium {

  /** What one run printed. */
  public record Run(String stdout, String stderr) {
    /** The page's console messages at error level, as Chromium logs them to stderr. */
    public List<String> consoleErrors() {
      return stderr
          .lines()
          .filter(
              l ->
                  l.contains("CONSOLE")
                      && (l.contains(":ERROR:")
                          || l.contains("\"error\"")
                          || l.contains("Uncaught")))
          .toList();
    }
  }

  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  public static Chromium require() {
    String configured = System.getenv("CHROMIUM");
    Path binary = Path.of(configured != null ? configured : "/usr/bin/chromium");
    if (!Files.isExecutable(binary)) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(
            binary + " is missing; CI must install it (scripts/chromium/install.sh)");
      }
      assumeTrue(false, binary + " is missing; install it with scripts/chromium/install.sh");
    }
    return new Chromium(binary);
  }

  /**
   * Loads {@code url}, lets it run {@code budgetMillis} of virtual time, then does {@code action}.
   */
  Run run(String url, int budgetMillis, String... action) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("sla-chromium");
    try {
      List<String> command =
          new ArrayList<>(
              List.of(
                  binary.toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--disable-dev-shm-usage",
                  "--hide-scrollbars",
                  "--user-data-dir=" + profile,
                  "--enable-logging=stderr",
                  "--v=0",
                  "--virtual-time-budget=" + budgetMillis));
      command.addAll(List.of(action));
      command.add(url);
      Process process = new ProcessBuilder(command).start();
      CompletableFuture<String> out =
          CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("chromium did not finish in 40 s: " + command);
      }
      return new Run(out.join(), err.join());
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  public Run screenshot(String url, Path png, int budgetMillis)
      throws IOException, InterruptedException {
    return screenshot(url, png, budgetMillis, 1280, 900);
  }

  /** A screenshot at a given window size, e.g. 390x844 for a phone. */
  public Run screenshot(String url, Path png, int budgetMillis, int width, int height)
      throws IOException, InterruptedException {
    return run(
        url,
        budgetMillis,
        "--screenshot=" + png.toAbsolutePath(),
        "--window-size=" + width + "," + height);
  }

  /**
   * A screenshot at a window size with extra Chromium flags, e.g. {@code --lang=de-DE} for a
   * browser whose locale writes dates otherwise.
   */
  public Run screenshotWith(
      String url, Path png, int budgetMillis, int width, int height, String... flags)
      throws IOException, InterruptedException {
    List<String> action = new ArrayList<>(List.of(flags));
    action.add("--screenshot=" + png.toAbsolutePath());
    action.add("--window-size=" + width + "," + height);
    return run(url, budgetMillis, action.toArray(String[]::new));
  }

  /** The DOM after the page ran, in a window of the given size (390x844 for a phone). */
  public Run dumpDomAt(String url, int budgetMillis, int width, int height)
      throws IOException, InterruptedException {
    return run(url, budgetMillis, "--dump-dom", "--window-size=" + width + "," + height);
  }

  public Run dumpDom(String url, int budgetMillis) throws IOException, InterruptedException {
    return dumpDomAt(url, budgetMillis, 1280, 900);
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
