package org.socialdesk.channel.reply;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code /dm} command: a reply whose first line starts with {@code /dm} (any case) is sent as a
 * private message without the command; {@code /dm+} also posts a short public note in the thread.
 * Text after the command on the same line is kept as the message's first line, so {@code "/dm Hi
 * Anna"} sends "Hi Anna". {@code /dmx} is no command.
 *
 * @param publicNote whether the command was {@code /dm+}
 * @param message the reply without the command
 */
record DmCommand(boolean publicNote, String message) {

  private static final Pattern COMMAND = Pattern.compile("(?i)^[ \\t]*/dm(\\+?)(?:[ \\t]+(.*))?$");

  /** The command at the start of {@code reply}, if there is one. */
  static Optional<DmCommand> parse(String reply) {
    int newline = reply.indexOf('\n');
    String firstLine = newline < 0 ? reply : reply.substring(0, newline);
    Matcher matcher = COMMAND.matcher(firstLine.stripTrailing());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String sameLine = matcher.group(2) != null ? matcher.group(2).strip() : "";
    String below = newline < 0 ? "" : reply.substring(newline + 1);
    String message = sameLine.isEmpty() ? below.strip() : (sameLine + "\n" + below).strip();
    return Optional.of(new DmCommand(!matcher.group(1).isEmpty(), message));
  }
}
