package org.socialdesk.sla.policy;

import java.util.Objects;
import java.util.Set;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.social.Visibility;

/**
 * Which conversations a policy applies to: every non-empty set must contain the matching fact (AND
 * across facts, OR within one). An empty set asks nothing; a fact that is not known never satisfies
 * a non-empty set. Text values are lower case.
 */
public record SlaMatch(
    Set<String> channels,
    Set<Visibility> visibilities,
    Set<String> languages,
    Set<Sentiment.Label> sentiments,
    Set<Influence.Tier> influences,
    Set<Intent> intents,
    Set<String> queues) {

  public static final SlaMatch ANY =
      new SlaMatch(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

  public SlaMatch {
    channels = Set.copyOf(Objects.requireNonNull(channels, "channels"));
    visibilities = Set.copyOf(Objects.requireNonNull(visibilities, "visibilities"));
    languages = Set.copyOf(Objects.requireNonNull(languages, "languages"));
    sentiments = Set.copyOf(Objects.requireNonNull(sentiments, "sentiments"));
    influences = Set.copyOf(Objects.requireNonNull(influences, "influences"));
    intents = Set.copyOf(Objects.requireNonNull(intents, "intents"));
    queues = Set.copyOf(Objects.requireNonNull(queues, "queues"));
  }

  boolean matches(Facts facts) {
    return accepts(channels, facts.channel())
        && accepts(visibilities, facts.visibility())
        && accepts(languages, facts.language())
        && accepts(sentiments, facts.sentiment())
        && accepts(influences, facts.influence())
        && accepts(intents, facts.intent())
        && accepts(queues, facts.queue());
  }

  boolean isAny() {
    return equals(ANY);
  }

  private static <T> boolean accepts(Set<T> allowed, T fact) {
    return allowed.isEmpty() || (fact != null && allowed.contains(fact));
  }
}
