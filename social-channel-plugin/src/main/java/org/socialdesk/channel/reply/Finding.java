package org.socialdesk.channel.reply;

import java.util.Objects;

/**
 * Personal data found in a reply.
 *
 * @param kind {@code email}, {@code phone}, {@code card}, {@code iban} or a configured pattern's
 *     name
 * @param masked the match with all but its last few characters hidden, e.g. {@code "•••• 4242"}
 * @param start where the match starts in the reply's text (UTF-16 index)
 * @param end where it ends, exclusive
 */
record Finding(String kind, String masked, int start, int end) {

  Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(masked, "masked");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad position [" + start + ", " + end + ")");
    }
  }

  /** For a message to the agent: {@code "card •••• 4242"}. */
  String describe() {
    return kind + " " + masked;
  }
}
