package org.socialdesk.sla;

import java.time.Instant;
import java.util.Map;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.SocialdeskEvent.PostChanged;
import org.socialdesk.api.event.SocialdeskEvent.PostRouted;
import org.socialdesk.api.event.SocialdeskEvent.ReplyPublished;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

/** Short ways to write the host's events in tests. */
public final class SlaEvents {

  private SlaEvents() {}

  public static TicketRef ticket(String id) {
    return new TicketRef("rt", id);
  }

  public static SocialPost post(
      String network, String id, Instant postedAt, Visibility visibility) {
    return new SocialPost(
        new PostKey(network, id),
        "conv-" + id,
        null,
        Author.of(network, "a-" + id, "@someone"),
        "help",
        postedAt,
        visibility,
        null,
        Engagement.NONE,
        Map.of());
  }

  public static Enrichment enrichment(
      String language,
      Sentiment.Label sentiment,
      Influence.Tier tier,
      Intent intent,
      Integer priority,
      String queue) {
    return new Enrichment(
        sentiment == null ? null : new Sentiment(sentiment, 0.9),
        language,
        tier == null ? null : new Influence(tier, 50, java.util.List.of()),
        intent,
        priority,
        queue,
        null,
        null,
        Map.of());
  }

  public static PostRouted routed(
      TicketRef ticket, SocialPost post, Enrichment enrichment, boolean newTicket) {
    return new PostRouted(post, enrichment, ticket, newTicket, post.postedAt().plusSeconds(5));
  }

  public static PostRouted newTicket(String ticketId, String postId, Instant postedAt) {
    return routed(
        ticket(ticketId), post("x", postId, postedAt, Visibility.PUBLIC), Enrichment.NONE, true);
  }

  public static PostRouted laterPost(String ticketId, String postId, Instant postedAt) {
    return routed(
        ticket(ticketId), post("x", postId, postedAt, Visibility.PUBLIC), Enrichment.NONE, false);
  }

  public static ReplyPublished reply(
      String ticketId, String answeredPostId, String agent, Instant at) {
    return new ReplyPublished(
        ticket(ticketId),
        new PostKey("x", answeredPostId),
        "r-" + at.toEpochMilli(),
        null,
        Visibility.PUBLIC,
        agent,
        at);
  }

  public static PostChanged deleted(String ticketId, String postId, Instant at) {
    return new PostChanged(new PostKey("x", postId), ticket(ticketId), true, at);
  }

  public static PostChanged edited(String ticketId, String postId, Instant at) {
    return new PostChanged(new PostKey("x", postId), ticket(ticketId), false, at);
  }
}
