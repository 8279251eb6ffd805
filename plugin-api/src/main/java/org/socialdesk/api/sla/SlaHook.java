package org.socialdesk.api.sla;

import java.time.Instant;
import java.util.Optional;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.social.SocialPost;

/**
 * Computes deadlines for new social tickets, so that a ticket is born with its Due date. Clocks,
 * warnings and breaches then follow from the events the host publishes.
 */
public interface SlaHook {

  /** The first-response deadline for a conversation that starts with {@code post}. */
  Optional<Instant> firstResponseDue(SocialPost post, Enrichment enrichment);
}
