package org.socialdesk.sla.config;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.policy.SlaMatch;

/**
 * Turns one rule's {@code match} into {@link SlaMatch}, adding a problem for each value it does not
 * know.
 */
final class SlaMatchCompiler {

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

  private final String where;
  private final List<String> problems;

  SlaMatchCompiler(String where, List<String> problems) {
    this.where = where;
    this.problems = problems;
  }

  SlaMatch compile(SlaMatchConfig config) {
    return new SlaMatch(
        texts("channel", config.channel(), null),
        values(
            "visibility",
            config.visibility(),
            byWireName(Visibility.values(), v -> v.name().toLowerCase(Locale.ROOT))),
        texts("language", config.language(), LANGUAGE),
        values(
            "sentiment",
            config.sentiment(),
            byWireName(Sentiment.Label.values(), Sentiment.Label::wireName)),
        values(
            "influence",
            config.influence(),
            byWireName(Influence.Tier.values(), Influence.Tier::wireName)),
        values("intent", config.intent(), byWireName(Intent.values(), Intent::wireName)),
        texts("queue", config.queue(), null));
  }

  private Set<String> texts(String key, List<String> texts, Pattern shape) {
    return values(
        key,
        texts,
        text -> {
          if (shape != null && !shape.matcher(text).matches()) {
            throw new IllegalArgumentException(
                "'" + text + "' is not an ISO 639 language code such as en or th");
          }
          return text;
        });
  }

  private <T> Set<T> values(String key, List<String> texts, Function<String, T> parse) {
    List<T> parsed =
        SlaPolicyCompiler.parseEach(
            texts,
            text -> parse.apply(text.toLowerCase(Locale.ROOT)),
            where + ": match." + key,
            problems);
    return new LinkedHashSet<>(parsed);
  }

  private static <T> Function<String, T> byWireName(T[] values, Function<T, String> wireName) {
    Map<String, T> known = Arrays.stream(values).collect(Collectors.toMap(wireName, v -> v));
    String choices = Arrays.stream(values).map(wireName).collect(Collectors.joining(", "));
    return text -> {
      T value = known.get(text);
      if (value == null) {
        throw new IllegalArgumentException(
            "unknown value '" + text + "'; known values: " + choices);
      }
      return value;
    };
  }
}
