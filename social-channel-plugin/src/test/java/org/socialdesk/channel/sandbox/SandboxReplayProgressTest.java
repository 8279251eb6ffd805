package org.socialdesk.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SandboxReplayProgressTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);

  @Test
  void redrawsOneBarInPlaceInATerminal() {
    SandboxReplayProgress progress = new SandboxReplayProgress(stream, true, 4);

    progress.update(1, "stored 1");
    progress.update(2, "stored 2");
    progress.finish(2);

    assertThat(text())
        .isEqualTo(
            "\r[#####...............] 1/4 posts  stored 1"
                + "\r[##########..........] 2/4 posts  stored 2"
                + System.lineSeparator());
  }

  @Test
  void printsANoteAboveTheBarAndDrawsItAgain() {
    SandboxReplayProgress progress = new SandboxReplayProgress(stream, true, 2);

    progress.update(1, "failed 0");
    progress.note("line 2: oops");

    String bar = "[##########..........] 1/2 posts  failed 0";
    assertThat(text())
        .isEqualTo(
            "\r"
                + bar
                + "\rline 2: oops"
                + " ".repeat(bar.length() - "line 2: oops".length())
                + System.lineSeparator()
                + "\r"
                + bar);
  }

  @Test
  void printsPlainLinesAtEveryTenthWhenNotInATerminal() {
    SandboxReplayProgress progress = new SandboxReplayProgress(stream, false, 25);

    for (int done = 1; done <= 25; done++) {
      progress.update(done, "ok");
    }
    progress.finish(25);

    assertThat(text().lines().toList())
        .hasSize(10)
        .startsWith(
            "[##..................] 3/25 posts  ok", "[####................] 5/25 posts  ok")
        .endsWith("[####################] 25/25 posts  ok");
    assertThat(text()).doesNotContain("\r");
  }

  @Test
  void printsTheLastStateOnceWhenNoTenthShowedIt() {
    SandboxReplayProgress progress = new SandboxReplayProgress(stream, false, 25);

    progress.update(1, "ok");
    progress.finish(1);

    assertThat(text().lines().toList()).containsExactly("[....................] 1/25 posts  ok");
  }

  private String text() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
