package org.socialdesk.channel.mastodon;

import java.util.Optional;

/**
 * Server-sent events, line by line, as the HTML standard parses them: {@code event:} names the
 * event ({@code message} when absent), {@code data:} lines are joined with line breaks, one space
 * after the colon is dropped, a line starting with {@code :} is a comment (Mastodon's {@code
 * :thump} heartbeat), an empty line ends the event, and an event without data is no event. Other
 * fields ({@code id}, {@code retry}) are ignored: Mastodon's stream cannot be resumed from an id.
 */
final class MastodonSse {

  /** One complete event. */
  record Event(String name, String data) {}

  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String name;

  /** Feeds one line (without its line break); an event when the line completes one. */
  Optional<Event> line(String line) {
    if (line.isEmpty()) {
      return dispatch();
    }
    if (line.startsWith(":")) {
      return Optional.empty();
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> name = value;
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      default -> {}
    }
    return Optional.empty();
  }

  /** Forgets a half-read event, as when the connection drops. */
  void reset() {
    data.setLength(0);
    hasData = false;
    name = null;
  }

  private Optional<Event> dispatch() {
    Optional<Event> event =
        hasData
            ? Optional.of(
                new Event(name == null || name.isEmpty() ? "message" : name, data.toString()))
            : Optional.empty();
    reset();
    return event;
  }
}
