package org.socialdesk.sentiment.priority;

import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Intent;

/**
 * Computes a ticket's priority from its sentiment, influence and intent, per {@link
 * PriorityConfig}.
 */
public final class PriorityRule {

  private final PriorityConfig config;

  public PriorityRule(PriorityConfig config) {
    this.config = config;
  }

  public int priority(Enrichment enrichment) {
    if (enrichment.intent() == Intent.SPAM) {
      return 0;
    }
    int priority =
        enrichment.sentiment() == null
            ? config.sentiment().get("neutral")
            : config.sentiment().get(enrichment.sentiment().label().wireName());
    if (enrichment.influence() != null) {
      priority += config.influence().get(enrichment.influence().tier().wireName());
    }
    if (enrichment.intent() != null) {
      priority += config.intent().getOrDefault(enrichment.intent().wireName(), 0);
    }
    return Math.min(99, priority);
  }
}
