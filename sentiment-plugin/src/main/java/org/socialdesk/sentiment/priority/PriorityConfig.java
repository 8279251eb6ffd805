package org.socialdesk.sentiment.priority;

import java.util.Map;

/**
 * The priority rule ({@code plugins.sentiment.priority}): a ticket's RT priority (0-99) is the base
 * for its sentiment plus the bonus for its influence tier plus the bonus for its intent, capped at
 * 99; spam gets 0.
 *
 * @param sentiment base per sentiment label; default negative 50, neutral 30, positive 10
 * @param influence bonus per influence tier; default low 0, medium 10, high 25, vip 40
 * @param intent bonus per intent; default complaint 10, purchase-intent 15, question 5, others 0
 */
public record PriorityConfig(
    Map<String, Integer> sentiment, Map<String, Integer> influence, Map<String, Integer> intent) {

  public PriorityConfig {
    sentiment =
        merge(
            Map.of("negative", 50, "neutral", 30, "positive", 10),
            sentiment,
            "sentiment",
            java.util.Set.of("negative", "neutral", "positive"));
    influence =
        merge(
            Map.of("low", 0, "medium", 10, "high", 25, "vip", 40),
            influence,
            "influence",
            java.util.Set.of("low", "medium", "high", "vip"));
    intent =
        merge(
            Map.of("complaint", 10, "purchase-intent", 15, "question", 5, "praise", 0, "other", 0),
            intent,
            "intent",
            java.util.Set.of("complaint", "purchase-intent", "question", "praise", "other"));
  }

  private static Map<String, Integer> merge(
      Map<String, Integer> defaults,
      Map<String, Integer> given,
      String key,
      java.util.Set<String> known) {
    if (given == null) {
      return defaults;
    }
    java.util.Map<String, Integer> merged = new java.util.HashMap<>(defaults);
    given.forEach(
        (name, value) -> {
          if (!known.contains(name)) {
            throw new IllegalArgumentException(
                "plugins.sentiment.priority."
                    + key
                    + " has no '"
                    + name
                    + "'; known: "
                    + new java.util.TreeSet<>(known));
          }
          if (value == null || value < 0 || value > 99) {
            throw new IllegalArgumentException(
                "plugins.sentiment.priority." + key + "." + name + " must be within 0..99");
          }
          merged.put(name, value);
        });
    return Map.copyOf(merged);
  }

  public static PriorityConfig defaults() {
    return new PriorityConfig(null, null, null);
  }
}
