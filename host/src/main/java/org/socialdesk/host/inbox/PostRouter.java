package org.socialdesk.host.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.enrich.Enricher;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.CustomerRef;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.NewTicket;
import org.socialdesk.api.helpdesk.TicketField;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.sla.SlaHook;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.host.conversations.Conversations;
import org.socialdesk.host.plugin.Extensions;

/**
 * Takes one stored event to its ticket: a post in a known conversation is appended to that
 * conversation's ticket, a post answering or quoting a post we know joins that ticket, any other
 * post opens a new ticket, enriched first so the ticket is born with its fields in one call.
 *
 * <p>Every step can be cut off by a crash and run again: a retried creation or append first asks
 * the helpdesk whether the post already reached a ticket, so nothing is created twice. The router
 * writes nothing itself after the helpdesk call: it returns its records and its event, and the
 * worker commits them with the event's "done" in one transaction.
 */
final class PostRouter {

  private static final Logger log = LoggerFactory.getLogger(PostRouter.class);
  private static final Duration WAIT_FOR_ROOT = Duration.ofSeconds(2);

  private final Conversations conversations;
  private final HelpdeskGateway helpdesk;
  private final Extensions extensions;
  private final Clock clock;
  private final String queue;

  PostRouter(
      Conversations conversations,
      HelpdeskGateway helpdesk,
      Extensions extensions,
      Clock clock,
      String queue) {
    this.conversations = conversations;
    this.helpdesk = helpdesk;
    this.extensions = extensions;
    this.clock = clock;
    this.queue = queue;
  }

  /**
   * @param retried whether an earlier attempt may have reached the helpdesk
   */
  RouteOutcome route(InboundEvent event, boolean retried) {
    return switch (event) {
      case InboundEvent.NewPost newPost -> routePost(newPost.post(), retried);
      case InboundEvent.PostEdited edited ->
          noteChange(
              edited.key(),
              false,
              edited.editedAt(),
              "The customer edited this post ("
                  + edited.key()
                  + ") at "
                  + edited.editedAt()
                  + ". New text:\n\n"
                  + edited.newText());
      case InboundEvent.PostDeleted deleted ->
          noteChange(
              deleted.key(),
              true,
              deleted.deletedAt(),
              "The customer deleted this post ("
                  + deleted.key()
                  + ") at "
                  + deleted.deletedAt()
                  + ". Socialdesk will not answer it in public; a private reply is still possible.");
    };
  }

  private RouteOutcome routePost(SocialPost post, boolean retried) {
    Optional<Conversations.Conversation> known = conversations.find(post.conversation());
    if (known.isPresent() && known.get().hasTicket()) {
      return append(post, known.get().ticketId(), retried, false);
    }
    if (known.isPresent()) {
      return known.get().rootPostId().equals(post.key().postId())
          ? create(post, true)
          : new RouteOutcome.Later(
              "the conversation's first post is still becoming a ticket", WAIT_FOR_ROOT);
    }
    // In-flight first: the post it answers becomes done and gets its ticket in one commit, so once
    // it is no longer in flight its ticket is visible. The other order could miss both.
    if (answersPostInFlight(post)) {
      return new RouteOutcome.Later(
          "the post it answers is still on its way to a ticket", WAIT_FOR_ROOT);
    }
    Optional<String> related = relatedTicket(post);
    if (related.isPresent()) {
      return append(post, related.get(), retried, true);
    }
    if (!conversations.claim(post, clock.instant())) {
      return new RouteOutcome.Later(
          "another worker is opening this conversation's ticket", WAIT_FOR_ROOT);
    }
    return create(post, retried);
  }

  /** A reply to, or a quote of, a post that already has a ticket (e.g. the brand's own reply). */
  private Optional<String> relatedTicket(SocialPost post) {
    for (String related :
        new String[] {post.inReplyToId(), post.attributes().get(SocialPost.QUOTED_POST_ID)}) {
      if (related != null) {
        Optional<String> ticket = conversations.ticketOfPost(new PostKey(post.network(), related));
        if (ticket.isPresent()) {
          return ticket;
        }
      }
    }
    return Optional.empty();
  }

  /** A reply or quote arriving before the post it refers to is routed must wait for it. */
  private boolean answersPostInFlight(SocialPost post) {
    for (String related :
        new String[] {post.inReplyToId(), post.attributes().get(SocialPost.QUOTED_POST_ID)}) {
      if (related != null && conversations.isInFlight(new PostKey(post.network(), related))) {
        return true;
      }
    }
    return false;
  }

  private RouteOutcome create(SocialPost post, boolean retried) {
    Optional<TicketRef> existing =
        retried ? helpdesk.findTicketByPost(post.key()) : Optional.empty();
    Enrichment enrichment = enrich(post);
    TicketRef ticket = existing.orElseGet(() -> helpdesk.createTicket(newTicket(post, enrichment)));
    Instant now = clock.instant();
    return new RouteOutcome.Done(
        ticket.id(),
        tx -> {
          conversations.attach(tx, post, ticket.id(), enrichment, now);
          conversations.recordPost(tx, post.key(), post.conversationId(), ticket.id(), false, now);
        },
        new SocialdeskEvent.PostRouted(post, enrichment, ticket, true, now));
  }

  private NewTicket newTicket(SocialPost post, Enrichment enrichment) {
    CustomerRef customer = helpdesk.findOrCreateCustomer(post.author());
    return new NewTicket(
        enrichment.queue() != null ? enrichment.queue() : queue,
        TicketComposer.subject(post),
        customer,
        TicketComposer.body(post, enrichment),
        post.postedAt(),
        enrichment.priority(),
        enrichment.due(),
        TicketComposer.fields(post, enrichment),
        enrichment.closeNote());
  }

  /**
   * @param joining whether the post joins another conversation's ticket (it answers or quotes a
   *     post of that ticket), so its own conversation is recorded as held by that ticket
   */
  private RouteOutcome append(SocialPost post, String ticketId, boolean retried, boolean joining) {
    TicketRef ticket = new TicketRef(helpdesk.name(), ticketId);
    boolean alreadyThere = retried && helpdesk.findTicketByPost(post.key()).isPresent();
    if (!alreadyThere) {
      helpdesk.addMessage(
          ticket,
          new TicketMessage.CustomerPost(
              TicketComposer.followUp(post),
              Map.of(TicketField.SOCIAL_POST_ID.fieldName(), post.key().toString())));
    }
    Instant now = clock.instant();
    Enrichment enrichment =
        joining
            ? Enrichment.NONE
            : conversations
                .find(post.conversation())
                .map(Conversations.Conversation::enrichment)
                .orElse(Enrichment.NONE);
    return new RouteOutcome.Done(
        ticketId,
        tx -> {
          if (joining) {
            conversations.attach(tx, post, ticketId, Enrichment.NONE, now);
          }
          conversations.recordPost(tx, post.key(), post.conversationId(), ticketId, false, now);
          conversations.updateLastPost(tx, post, now);
        },
        new SocialdeskEvent.PostRouted(post, enrichment, ticket, false, now));
  }

  private RouteOutcome noteChange(PostKey post, boolean deleted, Instant at, String note) {
    Optional<String> ticketId = conversations.ticketOfPost(post);
    if (ticketId.isEmpty()) {
      return new RouteOutcome.WaitsForPost("the post " + post + " has no ticket yet");
    }
    TicketRef ticket = new TicketRef(helpdesk.name(), ticketId.get());
    helpdesk.addMessage(ticket, new TicketMessage.InternalNote(note));
    return new RouteOutcome.Done(
        ticketId.get(),
        tx -> {
          if (deleted) {
            conversations.markDeleted(tx, post, at);
          }
        },
        new SocialdeskEvent.PostChanged(post, ticket, deleted, clock.instant()));
  }

  /** Runs every enricher in order; one that fails is skipped, so a tag never costs a ticket. */
  Enrichment enrich(SocialPost post) {
    Enrichment enrichment = Enrichment.NONE;
    for (Enricher enricher : extensions.enrichers()) {
      try {
        enrichment = enricher.enrich(post, enrichment);
      } catch (RuntimeException e) {
        log.atWarn()
            .addKeyValue("enricher", enricher.name())
            .addKeyValue("post", post.key())
            .setCause(e)
            .log("Enricher failed; skipped");
      }
    }
    if (enrichment.due() == null) {
      for (SlaHook hook : extensions.slaHooks()) {
        try {
          Optional<Instant> due = hook.firstResponseDue(post, enrichment);
          if (due.isPresent()) {
            enrichment = enrichment.withDue(due.get());
            break;
          }
        } catch (RuntimeException e) {
          log.atWarn()
              .addKeyValue("post", post.key())
              .setCause(e)
              .log("SLA hook failed; ticket created without Due");
        }
      }
    }
    return enrichment;
  }
}
