package org.socialdesk.sla.policy;

import java.util.Locale;
import java.util.Objects;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

/**
 * What is known about a conversation when its SLA policy is chosen. Every component may be null
 * (not known); a policy that asks about an unknown fact does not match.
 *
 * @param channel the network, e.g. {@code x} or {@code mastodon}; lower case
 * @param visibility public post or private message
 * @param language ISO 639-1 code of the post's language; lower case
 * @param sentiment the post's sentiment label
 * @param influence the author's influence tier
 * @param intent what the customer wants
 * @param queue the helpdesk queue the ticket goes to
 */
public record Facts(
    String channel,
    Visibility visibility,
    String language,
    Sentiment.Label sentiment,
    Influence.Tier influence,
    Intent intent,
    String queue) {

  public static final Facts NONE = new Facts(null, null, null, null, null, null, null);

  public Facts {
    channel = lowerCase(channel);
    language = lowerCase(language);
  }

  /**
   * The facts of a post as enriched; {@code queue} is where the ticket goes, or null to use the
   * enrichment's queue.
   */
  public static Facts of(SocialPost post, Enrichment enrichment, String queue) {
    Objects.requireNonNull(post, "post");
    Objects.requireNonNull(enrichment, "enrichment");
    return new Facts(
        post.network(),
        post.visibility(),
        enrichment.language(),
        enrichment.sentiment() == null ? null : enrichment.sentiment().label(),
        enrichment.influence() == null ? null : enrichment.influence().tier(),
        enrichment.intent(),
        queue != null ? queue : enrichment.queue());
  }

  private static String lowerCase(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }
}
