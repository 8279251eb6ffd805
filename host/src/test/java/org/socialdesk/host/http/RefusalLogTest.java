package org.socialdesk.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-03T08:00:00Z"));
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private RefusalLog refusals;

  @BeforeEach
  void setUp() {
    Logger logger = new LoggerContext().getLogger("refusals");
    lines.start();
    logger.addAppender(lines);
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    refusals = new RefusalLog(logger, clock);
  }

  @Test
  void aFloodOfRefusalsWritesOneWarningPerReasonPerMinuteThenTheCountOfTheOthers() {
    for (int i = 0; i < 500; i++) {
      refusals.refused("no admin token", 401, "GET", "/metrics");
      refusals.refused("path not in canonical form", 400, "GET", "/wall/../metrics");
    }
    assertThat(lines.list).hasSize(2);

    now.set(now.get().plus(RefusalLog.WINDOW));
    refusals.refused("no admin token", 401, "GET", "/metrics");

    assertThat(lines.list).hasSize(3);
    ILoggingEvent third = lines.list.get(2);
    assertThat(third.getLevel().toString()).isEqualTo("WARN");
    assertThat(third.getFormattedMessage()).contains("no admin token");
    assertThat(third.getKeyValuePairs())
        .anySatisfy(
            pair -> {
              assertThat(pair.key).isEqualTo("suppressed");
              assertThat(pair.value).isEqualTo(499L);
            });
  }

  @Test
  void theLoggedPathIsShortenedAndItsControlCharactersEscaped() {
    refusals.refused(
        "path not in canonical form", 400, "GET", "/a\r\nFAKE LOG LINE" + "x".repeat(500));

    String path =
        String.valueOf(
            lines.list.getFirst().getKeyValuePairs().stream()
                .filter(pair -> pair.key.equals("path"))
                .findFirst()
                .orElseThrow()
                .value);
    assertThat(path)
        .doesNotContain("\r")
        .doesNotContain("\n")
        .contains("\\x0d\\x0a")
        .hasSizeLessThan(140);
  }
}
