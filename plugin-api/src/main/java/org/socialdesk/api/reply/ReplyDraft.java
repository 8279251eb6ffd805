package org.socialdesk.api.reply;

import java.util.List;
import java.util.Objects;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

/**
 * A reply on its way to the network, as the policies see it.
 *
 * @param ticket the ticket the agent answered
 * @param agent the agent's login name
 * @param answering the latest customer post of the conversation: the one the reply answers
 * @param enrichment what was known about the conversation when its ticket was made
 * @param visibility public reply in the thread or private message
 * @param parts the text to publish, one element per post (more than one for a split thread)
 * @param approved whether a supervisor already approved this reply
 * @param limit the network's length rules
 */
public record ReplyDraft(
    TicketRef ticket,
    String agent,
    SocialPost answering,
    Enrichment enrichment,
    Visibility visibility,
    List<String> parts,
    boolean approved,
    TextLimit limit) {

  public ReplyDraft {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(answering, "answering");
    Objects.requireNonNull(enrichment, "enrichment");
    Objects.requireNonNull(visibility, "visibility");
    parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
    Objects.requireNonNull(limit, "limit");
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a reply has at least one part");
    }
  }

  public ReplyDraft withParts(List<String> newParts) {
    return new ReplyDraft(
        ticket, agent, answering, enrichment, visibility, newParts, approved, limit);
  }

  public ReplyDraft withVisibility(Visibility newVisibility) {
    return new ReplyDraft(
        ticket, agent, answering, enrichment, newVisibility, parts, approved, limit);
  }
}
