package org.socialdesk.channel.sandbox;

import java.io.PrintStream;

/**
 * The replay's progress on standard error: in a terminal, one bar redrawn in place with {@code \r};
 * elsewhere (a log, a pipe), the same text as a plain line at every tenth of the way. Notes (a
 * malformed line, a retry) print on their own lines without breaking the bar.
 *
 * <pre>[##########..........] 120/240 posts  stored 118  duplicate 2  failed 0</pre>
 */
final class SandboxReplayProgress {

  private static final int BAR_WIDTH = 20;

  private final PrintStream err;
  private final boolean redraw;
  private final int total;
  private String shown = "";
  private int tenthsPrinted;
  private int lastLinePrinted = -1;

  SandboxReplayProgress(PrintStream err, boolean redraw, int total) {
    this.err = err;
    this.redraw = redraw;
    this.total = total;
  }

  /** Shows that {@code done} of the posts are handled, with the counts so far. */
  void update(int done, String counts) {
    String text = bar(done) + " " + done + "/" + total + " posts  " + counts;
    if (redraw) {
      draw(text);
    } else if (done == total || tenths(done) > tenthsPrinted) {
      err.println(text);
      tenthsPrinted = tenths(done);
      lastLinePrinted = done;
    }
    shown = text;
  }

  /** Prints a note on a line of its own, above the bar. */
  void note(String message) {
    if (redraw && !shown.isEmpty()) {
      draw(message);
      err.println();
      draw(shown);
    } else {
      err.println(message);
    }
  }

  /** Ends the bar's line, or prints the last state if no line showed it yet. */
  void finish(int done) {
    if (redraw && !shown.isEmpty()) {
      err.println();
    } else if (!redraw && lastLinePrinted != done && !shown.isEmpty()) {
      err.println(shown);
    }
    err.flush();
  }

  private int tenths(int done) {
    return total == 0 ? 10 : (int) ((long) done * 10 / total);
  }

  private String bar(int done) {
    int filled = total == 0 ? BAR_WIDTH : (int) ((long) done * BAR_WIDTH / total);
    return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
  }

  /** Overwrites the current line, padding over what a longer text left behind. */
  private void draw(String text) {
    int previous = shown.length();
    err.print("\r" + text + " ".repeat(Math.max(0, previous - text.length())));
    err.flush();
  }
}
