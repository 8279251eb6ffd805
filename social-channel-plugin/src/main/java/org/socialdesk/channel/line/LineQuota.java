package org.socialdesk.channel.line;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.social.UntrustedText;

/**
 * Whether the account's monthly message quota is spent. Push messages count against it (replies
 * with a reply token do not). Known from LINE's 429 "You have reached your monthly limit." to a
 * push, or asked from {@code GET /v2/bot/message/quota} and {@code /quota/consumption}, at most
 * once a minute. When LINE cannot be asked the quota counts as not spent: the push itself then
 * tells.
 */
final class LineQuota {

  static final String SPENT =
      "LINE's monthly message quota of this account is spent, and a push message counts against it";
  private static final Logger log = LoggerFactory.getLogger(LineQuota.class);
  private static final Duration FRESH = Duration.ofMinutes(1);
  private static final Duration BUDGET = Duration.ofSeconds(3);

  private final LineApi api;
  private final Clock clock;
  private volatile boolean spent;
  private volatile Instant checkedAt = Instant.EPOCH;

  LineQuota(LineApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  boolean spent() {
    if (Duration.between(checkedAt, clock.instant()).compareTo(FRESH) < 0) {
      return spent;
    }
    spent = ask();
    checkedAt = clock.instant();
    return spent;
  }

  /** LINE refused a push for the monthly limit. */
  void markSpent() {
    spent = true;
    checkedAt = clock.instant();
  }

  private boolean ask() {
    try {
      LineApi.Answer quota = api.get(api.api("/v2/bot/message/quota"), BUDGET);
      if (!quota.isSuccess() || !"limited".equals(LineJson.text(quota.json(), "type"))) {
        return false;
      }
      long limit = quota.json().path("value").asLong(Long.MAX_VALUE);
      LineApi.Answer consumption = api.get(api.api("/v2/bot/message/quota/consumption"), BUDGET);
      if (!consumption.isSuccess()) {
        return false;
      }
      JsonNode used = consumption.json().path("totalUsage");
      return used.canConvertToLong() && used.asLong() >= limit;
    } catch (IOException e) {
      log.warn("line: cannot read the message quota: {}", UntrustedText.forLog(e.toString()));
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
