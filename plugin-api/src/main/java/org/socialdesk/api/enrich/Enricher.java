package org.socialdesk.api.enrich;

import org.socialdesk.api.social.SocialPost;

/**
 * Adds what it knows about a post (sentiment, language, influence, intent, priority, fields).
 * Enrichers run in ascending {@link #order()}, each seeing what the earlier ones found, before the
 * ticket is created, so the ticket is born with all its fields in one helpdesk call.
 */
public interface Enricher {

  String name();

  /** Lower runs first; the sentiment plugin's tagging is 100, the priority rule 900. */
  default int order() {
    return 500;
  }

  /** Returns {@code soFar} with this enricher's findings added; must not block on the network. */
  Enrichment enrich(SocialPost post, Enrichment soFar);
}
