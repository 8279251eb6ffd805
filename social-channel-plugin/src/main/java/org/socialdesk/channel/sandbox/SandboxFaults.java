package org.socialdesk.channel.sandbox;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialdesk.api.channel.PublishOutcome;

/**
 * The fault switch: makes the next publish calls fail the way a real network fails, so the host's
 * retries and rejections can be tried. {@code none}, or {@code <kind>-next[-<n>]} for the next n
 * calls (1 when omitted, at most 1000), where kind is {@code fail} (an outage), {@code reject} (a
 * refusal for good) or {@code rate-limit} (a 429). A new setting replaces the previous one.
 */
final class SandboxFaults {

  static final Duration OUTAGE_RETRY = Duration.ofSeconds(5);
  static final Duration RATE_LIMIT_RETRY = Duration.ofSeconds(10);

  private static final Pattern SETTING =
      Pattern.compile("(fail|reject|rate-limit)-next(?:-([1-9][0-9]{0,3}))?");

  private enum Kind {
    FAIL("fail", new PublishOutcome.RetryLater(OUTAGE_RETRY, "sandbox: simulated outage")),
    REJECT("reject", new PublishOutcome.Rejected("sandbox: simulated rejection")),
    RATE_LIMIT(
        "rate-limit",
        new PublishOutcome.RetryLater(
            RATE_LIMIT_RETRY, "sandbox: simulated 429 Too Many Requests"));

    final String word;
    final PublishOutcome outcome;

    Kind(String word, PublishOutcome outcome) {
      this.word = word;
      this.outcome = outcome;
    }

    static Kind of(String word) {
      for (Kind kind : values()) {
        if (kind.word.equals(word)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(word);
    }
  }

  private Kind kind = Kind.FAIL;
  private int remaining;

  /** Applies a setting such as {@code fail-next-3}; {@code field} names it in errors. */
  synchronized void set(String field, String setting) throws SandboxInvalidRequest {
    if (setting.equals("none")) {
      remaining = 0;
      return;
    }
    Matcher matcher = SETTING.matcher(setting);
    int count =
        matcher.matches() && matcher.group(2) != null ? Integer.parseInt(matcher.group(2)) : 1;
    if (!matcher.matches() || count > 1000) {
      throw new SandboxInvalidRequest(
          field,
          field
              + " must be none, fail-next[-N], reject-next[-N] or rate-limit-next[-N] with N from 1 to 1000,"
              + " not '"
              + setting
              + "'");
    }
    kind = Kind.of(matcher.group(1));
    remaining = count;
  }

  /** What is left of the setting, in the same form: {@code fail-next-2}, or {@code none}. */
  synchronized String describe() {
    return remaining == 0 ? "none" : kind.word + "-next-" + remaining;
  }

  /** The simulated failure for this publish call, if one is due; counts it down. */
  synchronized Optional<PublishOutcome> next() {
    if (remaining == 0) {
      return Optional.empty();
    }
    remaining--;
    return Optional.of(kind.outcome);
  }
}
