package org.socialdesk.host.config;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in configuration values from the
 * environment, so secrets stay out of the file. {@code $${...}} stands for a literal {@code
 * ${...}}.
 */
final class EnvironmentExpansion {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Map<String, String> environment;

  EnvironmentExpansion(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * Returns {@code value} expanded; reports each unset variable without a default to {@code unset}.
   */
  String expand(String value, Consumer<String> unset) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    Matcher matcher = REFERENCE.matcher(value);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(result, Matcher.quoteReplacement(resolve(matcher, unset)));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private String resolve(Matcher reference, Consumer<String> unset) {
    if (!reference.group(1).isEmpty()) {
      return reference.group().substring(1);
    }
    String name = reference.group(2);
    String found = environment.get(name);
    if (found != null) {
      return found;
    }
    if (reference.group(3) != null) {
      return reference.group(3);
    }
    unset.accept(name);
    return "";
  }
}
