package org.socialdesk.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.social.UntrustedText;

/**
 * Keeps the channel under Meta's rate limits. Graph reports the share of each limit used in
 * headers: {@code X-App-Usage} and {@code X-Page-Usage} ({@code
 * {"call_count":..,"total_cputime":.., "total_time":..}} in percent) and {@code
 * X-Business-Use-Case-Usage} (per business, a list of the same with {@code
 * estimated_time_to_regain_access} in minutes). When any share reaches the configured threshold,
 * every call pauses (Meta's windows roll over an hour, so stopping before the limit keeps the
 * replies flowing); a throttling error pauses them too, for as long as Meta says, else for the
 * configured pause. One pacer serves the whole app, since Meta counts per app and Page.
 */
final class MetaPacer {

  static final String APP_USAGE = "X-App-Usage";
  static final String PAGE_USAGE = "X-Page-Usage";
  static final String BUSINESS_USAGE = "X-Business-Use-Case-Usage";

  private static final Logger log = LoggerFactory.getLogger(MetaPacer.class);

  private final Clock clock;
  private final int threshold;
  private final Duration throttlePause;
  private volatile Instant pausedUntil = Instant.EPOCH;

  MetaPacer(Clock clock, int threshold, Duration throttlePause) {
    this.clock = clock;
    this.threshold = threshold;
    this.throttlePause = throttlePause;
  }

  /** Until when calls wait, if they do now. */
  Optional<Instant> pausedUntil() {
    Instant until = pausedUntil;
    return clock.instant().isBefore(until) ? Optional.of(until) : Optional.empty();
  }

  /** Reads the usage headers of an answer; pauses when a share reaches the threshold. */
  void observe(HttpHeaders headers) {
    Usage usage = usage(headers);
    if (usage.highest() >= threshold) {
      Duration pause = usage.regain().compareTo(throttlePause) > 0 ? usage.regain() : throttlePause;
      Instant until = pauseFor(pause);
      log.warn(
          "meta: Graph usage at {}% (threshold {}%); calls pause until {}",
          usage.highest(), threshold, until);
    }
  }

  /** A throttling error: pause as long as Meta's headers say, else the configured pause. */
  Instant throttled(HttpHeaders headers) {
    Duration regain = usage(headers).regain();
    return pauseFor(regain.isZero() ? throttlePause : regain);
  }

  private synchronized Instant pauseFor(Duration pause) {
    Instant until = clock.instant().plus(pause);
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
    return pausedUntil;
  }

  /** The highest share in percent over every header, and the longest wait Meta announced. */
  record Usage(int highest, Duration regain) {}

  static Usage usage(HttpHeaders headers) {
    int highest = 0;
    long regainMinutes = 0;
    for (String name : new String[] {APP_USAGE, PAGE_USAGE}) {
      JsonNode node = header(headers, name);
      highest = Math.max(highest, shares(node));
    }
    JsonNode business = header(headers, BUSINESS_USAGE);
    if (business != null && business.isObject()) {
      for (JsonNode list : business) {
        for (JsonNode entry :
            list.isArray() ? list : com.fasterxml.jackson.databind.node.MissingNode.getInstance()) {
          highest = Math.max(highest, shares(entry));
          regainMinutes =
              Math.max(
                  regainMinutes,
                  Math.max(0, MetaJson.number(entry, "estimated_time_to_regain_access")));
        }
      }
    }
    return new Usage(highest, Duration.ofMinutes(Math.min(regainMinutes, 24 * 60)));
  }

  private static int shares(JsonNode node) {
    int highest = 0;
    for (String name : new String[] {"call_count", "total_cputime", "total_time"}) {
      highest = (int) Math.max(highest, Math.min(MetaJson.number(node, name), 1000));
    }
    return highest;
  }

  private static JsonNode header(HttpHeaders headers, String name) {
    Optional<String> value = headers.firstValue(name);
    if (value.isEmpty()) {
      return null;
    }
    try {
      return MetaJson.parse(value.get().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      log.debug("meta: unreadable {} header {}", name, UntrustedText.forLog(value.get()));
      return null;
    }
  }
}
