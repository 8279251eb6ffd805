package org.socialdesk.host.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns about refused requests (no token, a non-canonical path, TRACE ...) at most once per reason
 * per window, with how many were left unlogged since the last line: anyone on the network can send
 * bad requests, and they must not be able to flood the log.
 */
final class RefusalLog {

  static final Duration WINDOW = Duration.ofMinutes(1);
  private static final int SHOWN_PATH_LENGTH = 120;

  private final Logger log;
  private final Clock clock;
  private final Map<String, ReasonWindow> windows = new ConcurrentHashMap<>();

  RefusalLog(Clock clock) {
    this(LoggerFactory.getLogger(RefusalLog.class), clock);
  }

  RefusalLog(Logger log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /**
   * @param reason a fixed text (never built from the request): the key of the rate limit
   * @param path the path as sent; shown shortened and with control characters escaped
   */
  void refused(String reason, int status, String method, String path) {
    long suppressed =
        windows.computeIfAbsent(reason, r -> new ReasonWindow()).admit(clock.instant());
    if (suppressed < 0) {
      return;
    }
    log.atWarn()
        .addKeyValue("status", status)
        .addKeyValue("method", shown(method))
        .addKeyValue("path", shown(path))
        .addKeyValue("suppressed", suppressed)
        .log(
            "Refused a request: {} (at most one such line per {} s; suppressed counts the others since the last)",
            reason,
            WINDOW.toSeconds());
  }

  private static String shown(String text) {
    if (text == null) {
      return "";
    }
    String shortened =
        text.length() > SHOWN_PATH_LENGTH ? text.substring(0, SHOWN_PATH_LENGTH) + "..." : text;
    StringBuilder shown = new StringBuilder(shortened.length());
    shortened
        .codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                shown.append(String.format("\\x%02x", c));
              } else {
                shown.appendCodePoint(c);
              }
            });
    return shown.toString();
  }

  /** One reason's window: when its last line was written and how many were held back since. */
  private static final class ReasonWindow {
    private Instant logged;
    private long suppressed;

    /** The number suppressed since the last line if this one is to be logged, else -1. */
    synchronized long admit(Instant now) {
      if (logged != null && now.isBefore(logged.plus(WINDOW))) {
        suppressed++;
        return -1;
      }
      long held = suppressed;
      logged = now;
      suppressed = 0;
      return held;
    }
  }
}
