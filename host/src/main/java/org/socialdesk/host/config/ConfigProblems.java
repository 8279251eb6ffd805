package org.socialdesk.host.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayList;
import java.util.List;
import org.socialdesk.api.ConfigException;

/**
 * Every problem found in one pass over a configuration file, so the admin fixes them all at once
 * rather than one start at a time.
 */
final class ConfigProblems {

  private final String source;
  private final List<Problem> problems = new ArrayList<>();

  ConfigProblems(String source) {
    this.source = source;
  }

  private record Problem(int line, String text) {}

  void add(JsonParser parser, String message) {
    add(keyPath(parser), parser.currentTokenLocation(), message);
  }

  void add(String key, JsonLocation location, String message) {
    int line = location == null ? -1 : location.getLineNr();
    String where = line < 0 ? source : source + ":" + line;
    problems.add(
        new Problem(line, where + ": " + (key.isEmpty() ? "" : "'" + key + "' ") + message));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** The problems in file order. */
  List<String> all() {
    return problems.stream()
        .sorted(java.util.Comparator.comparingInt(Problem::line))
        .map(Problem::text)
        .toList();
  }

  ConfigException toException() {
    List<String> sorted = all();
    StringBuilder message = new StringBuilder();
    message.append(
        sorted.size() == 1 ? "1 configuration problem" : sorted.size() + " configuration problems");
    for (int i = 0; i < sorted.size(); i++) {
      message
          .append(System.lineSeparator())
          .append("  ")
          .append(i + 1)
          .append(". ")
          .append(sorted.get(i));
    }
    return new ConfigException(message.toString());
  }

  /** The dotted key path of the parser's current position, e.g. {@code server.port}. */
  String keyPath(JsonParser parser) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext context = parser.getParsingContext();
        context != null;
        context = context.getParent()) {
      if (context.inObject() && context.getCurrentName() != null) {
        parts.addFirst(context.getCurrentName());
      } else if (context.inArray()) {
        parts.addFirst("[" + Math.max(context.getCurrentIndex(), 0) + "]");
      }
    }
    return String.join(".", parts).replace(".[", "[");
  }
}
