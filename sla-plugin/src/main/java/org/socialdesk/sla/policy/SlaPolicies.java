package org.socialdesk.sla.policy;

import java.util.List;
import java.util.Objects;

/**
 * The configured SLA rules in order, and the fallback for conversations no rule matches: the rule
 * named {@code default} when there is one, else {@link SlaPolicy#BUILT_IN_DEFAULT}.
 */
public record SlaPolicies(List<SlaPolicy> rules, SlaPolicy fallback) {

  public static final double DEFAULT_WARNING_AT = 0.8;
  public static final String ALWAYS_OPEN_NAME = "24x7";
  public static final SlaPolicies BUILT_IN = new SlaPolicies(List.of(), SlaPolicy.BUILT_IN_DEFAULT);

  public SlaPolicies {
    rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    Objects.requireNonNull(fallback, "fallback");
  }

  /** The first rule, in order, whose match accepts {@code facts}; else the fallback. */
  public SlaPolicy match(Facts facts) {
    Objects.requireNonNull(facts, "facts");
    for (SlaPolicy rule : rules) {
      if (rule.match().matches(facts)) {
        return rule;
      }
    }
    return fallback;
  }

  /**
   * The rule called {@code name}, for a clock that stored it; the fallback when no rule has that
   * name any more (configuration changed since the clock started).
   */
  public SlaPolicy named(String name) {
    for (SlaPolicy rule : rules) {
      if (rule.name().equals(name)) {
        return rule;
      }
    }
    return fallback;
  }
}
