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
  private final String pathPrefix;
  private final List<String> problems = new ArrayList<>();

  ConfigProblems(String source, String pathPrefix) {
    this.source = source;
    this.pathPrefix = pathPrefix;
  }

  void add(JsonParser parser, String message) {
    add(keyPath(parser), parser.currentTokenLocation(), message);
  }

  void add(String key, JsonLocation location, String message) {
    String where = location == null || location.getLineNr() < 0 ? source : source + ":" + location.getLineNr();
    problems.add(where + ": " + (key.isEmpty() ? "" : "'" + key + "' ") + message);
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  List<String> all() {
    return List.copyOf(problems);
  }

  ConfigException toException() {
    StringBuilder message = new StringBuilder();
    message.append(problems.size() == 1 ? "1 configuration problem" : problems.size() + " configuration problems");
    for (int i = 0; i < problems.size(); i++) {
      message.append(System.lineSeparator()).append("  ").append(i + 1).append(". ").append(problems.get(i));
    }
    return new ConfigException(message.toString());
  }

  /** The dotted key path of the parser's current position, e.g. {@code server.port}. */
  String keyPath(JsonParser parser) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext context = parser.getParsingContext(); context != null; context = context.getParent()) {
      if (context.inObject() && context.getCurrentName() != null) {
        parts.addFirst(context.getCurrentName());
      } else if (context.inArray()) {
        parts.addFirst("[" + Math.max(context.getCurrentIndex(), 0) + "]");
      }
    }
    String path = String.join(".", parts).replace(".[", "[");
    return pathPrefix.isEmpty() ? path : path.isEmpty() ? pathPrefix : pathPrefix + "." + path;
  }
}
