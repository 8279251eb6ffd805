package org.socialdesk.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The distribution's log format (logback.xml), as a backstop for outside text in log lines. */
class LogFormatTest {

  @Test
  void outsideTextCannotBreakALogLineOrReachTheTerminalAsEscapes() throws Exception {
    String forged =
        "nadia\n2026-12-03T08:00:00.000Z ERROR [main] Admin - token leaked\r\u001b[2J\u0000\u2028";

    String logged =
        logOnce(
            log -> log.atWarn().addKeyValue("handle", forged).log("skipped a post by {}", forged));

    assertThat(logged.lines()).hasSize(1);
    assertThat(logged.strip().chars().noneMatch(Character::isISOControl)).isTrue();
    assertThat(logged)
        .contains("skipped a post by nadia\uFFFD2026-12-03T08:00:00.000Z ERROR")
        .doesNotContain("\u2028");
  }

  /** What one call to {@code write} prints with the distribution's logback.xml. */
  private static String logOnce(java.util.function.Consumer<Logger> write) throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
      write.accept(context.getLogger("test"));
    } finally {
      context.stop();
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
