package org.socialdesk.channel.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Replays a JSON Lines file of sandbox posts: each non-blank line is validated here first (a
 * malformed line is reported with its number and skipped), then sent, unless this is a dry run. The
 * result is a summary line; the replay succeeded when no line failed.
 */
final class SandboxReplay {

  /** Waits; tests substitute one that records instead. */
  @FunctionalInterface
  interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final SandboxPostReader reader;
  private final SandboxReplayClient client;
  private final Pace pace;

  private int lineNumber;
  private int done;
  private int valid;
  private int stored;
  private int duplicate;
  private int failed;

  /**
   * @param client where posts go, or {@code null} for a dry run
   * @param postsPerSecond the highest rate to send at, or {@code null} for no limit
   */
  SandboxReplay(
      SandboxPostReader reader,
      SandboxReplayClient client,
      Double postsPerSecond,
      Pause pause,
      LongSupplier nanoTime) {
    this.reader = reader;
    this.client = client;
    this.pace = new Pace(postsPerSecond, pause, nanoTime);
  }

  /** What a replay did. */
  record Result(boolean succeeded, String summary) {}

  /**
   * @param progressFor the progress display, given the number of posts in the file
   * @throws IOException if the file cannot be read or is not UTF-8 text
   */
  Result run(Path file, IntFunction<SandboxReplayProgress> progressFor)
      throws IOException, InterruptedException {
    SandboxReplayProgress progress = progressFor.apply(countPosts(file));
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (!line.isBlank()) {
          replay(line, progress);
          done++;
          progress.update(done, counts());
        }
      }
    } catch (SandboxReplayClient.Unreachable e) {
      return new Result(
          false,
          "stopped at line "
              + lineNumber
              + " of "
              + file
              + ": "
              + e.getMessage()
              + "; before it: "
              + counts());
    } catch (CharacterCodingException e) {
      throw new IOException(file + " is not UTF-8 text (line " + (lineNumber + 1) + ")", e);
    } finally {
      progress.finish(done);
    }
    String mode = client == null ? " (dry run: nothing sent)" : "";
    return new Result(failed == 0, file + ": " + done + " posts, " + counts() + mode);
  }

  private void replay(String line, SandboxReplayProgress progress)
      throws SandboxReplayClient.Unreachable, InterruptedException {
    try {
      reader.post(line.getBytes(StandardCharsets.UTF_8));
    } catch (SandboxInvalidRequest e) {
      failed++;
      progress.note("line " + lineNumber + ": " + e.getMessage());
      return;
    }
    if (client == null) {
      valid++;
      return;
    }
    pace.awaitTurn();
    SandboxReplayClient.Answer answer = client.send(line, progress::note);
    switch (answer.outcome()) {
      case STORED -> stored++;
      case DUPLICATE -> duplicate++;
      case REFUSED -> {
        failed++;
        progress.note("line " + lineNumber + ": refused, " + answer.detail());
      }
    }
  }

  private String counts() {
    return client == null
        ? "valid " + valid + "  invalid " + failed
        : "stored " + stored + "  duplicate " + duplicate + "  failed " + failed;
  }

  private static int countPosts(Path file) throws IOException {
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return (int) lines.lines().filter(line -> !line.isBlank()).count();
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw new IOException(file + " is not UTF-8 text", e.getCause());
      }
      throw e.getCause();
    }
  }

  /** Spaces sends evenly: the n-th post goes no earlier than n / rate seconds after the first. */
  private static final class Pace {
    private final Double postsPerSecond;
    private final Pause pause;
    private final LongSupplier nanoTime;
    private long start;
    private long sent;

    Pace(Double postsPerSecond, Pause pause, LongSupplier nanoTime) {
      this.postsPerSecond = postsPerSecond;
      this.pause = pause;
      this.nanoTime = nanoTime;
    }

    void awaitTurn() throws InterruptedException {
      if (postsPerSecond == null) {
        return;
      }
      if (sent == 0) {
        start = nanoTime.getAsLong();
      }
      long due = start + (long) (sent * 1_000_000_000L / postsPerSecond);
      long wait = due - nanoTime.getAsLong();
      if (wait > 0) {
        pause.sleep(Duration.ofNanos(wait));
      }
      sent++;
    }
  }
}
