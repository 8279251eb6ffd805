package org.socialdesk.host.replies;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.TicketField;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.host.cluster.Instances;
import org.socialdesk.host.conversations.Conversations;
import org.socialdesk.host.plugin.Extensions;

/**
 * Stands between an agent's reply and the brand's public voice: runs the reply policies (length,
 * signature, personal data, approval ...), queues what they allow in the outbox, writes what they
 * stop back to the ticket, and, once the publisher has handed a reply back ({@code outbox-done}:
 * its last part is final), writes its outcome (URL of the public post, or the network's error) to
 * the ticket and its ReplyStatus field.
 *
 * <p>Each reply is handled by the one instance that claimed it; an instance whose heartbeat stopped
 * loses its replies to the next one that looks, which logs the takeover. A note that announces a
 * reply's outcome is written at most once: announced in the reply's row before the helpdesk is
 * called, it is not written again by the instance that takes over after a crash in between (as a
 * part cut off while publishing is never published again on a network that does not deduplicate).
 */
final class ReplyWorkflow {

  private static final Logger log = LoggerFactory.getLogger(ReplyWorkflow.class);

  /** The states in which a reply is the workflow's to move on. */
  private static final Set<ReplyState> ITS_TURN =
      EnumSet.of(
          ReplyState.REVIEW, ReplyState.APPROVED, ReplyState.REJECTED, ReplyState.OUTBOX_DONE);

  private final AgentReplies replies;
  private final Outbox outbox;
  private final Conversations conversations;
  private final CustomerPosts customerPosts;
  private final Instances instances;
  private final HelpdeskGateway helpdesk;
  private final Extensions extensions;
  private final EventBus events;
  private final Clock clock;

  ReplyWorkflow(
      AgentReplies replies,
      Outbox outbox,
      Conversations conversations,
      CustomerPosts customerPosts,
      Instances instances,
      HelpdeskGateway helpdesk,
      Extensions extensions,
      EventBus events,
      Clock clock) {
    this.replies = replies;
    this.outbox = outbox;
    this.conversations = conversations;
    this.customerPosts = customerPosts;
    this.instances = instances;
    this.helpdesk = helpdesk;
    this.extensions = extensions;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Reviews new and approved replies, and reports those the outbox is done with; returns how many
   * it moved.
   */
  int processOnce() {
    int moved = 0;
    for (AgentReplies.Reply reply :
        logTakeovers(replies.claim(instances.id(), instances.aliveSince(), ITS_TURN))) {
      moved +=
          handle(
              reply,
              () -> {
                switch (reply.state()) {
                  case REJECTED ->
                      stop(
                          reply,
                          ReplyState.DISCARDED,
                          "The reply was rejected by a supervisor and will not be published.",
                          null,
                          SocialdeskEvent.ReplyStopped.Outcome.HELD);
                  case OUTBOX_DONE -> report(reply);
                  default -> review(reply);
                }
              });
    }
    return moved;
  }

  private List<AgentReplies.Reply> logTakeovers(List<AgentReplies.Reply> claimed) {
    for (AgentReplies.Reply reply : claimed) {
      if (reply.claimedBy() != null && !reply.claimedBy().equals(instances.id())) {
        log.atInfo()
            .addKeyValue("ticket", reply.ticketId())
            .addKeyValue("transaction", reply.transactionId())
            .addKeyValue("from", reply.claimedBy())
            .log(
                "Took over the {} reply of ticket {} from instance {}, whose heartbeat stopped: {}",
                reply.state().stored,
                reply.ticketId(),
                reply.claimedBy(),
                instances.silenceOf(reply.claimedBy()));
      }
    }
    return claimed;
  }

  /** Handles one claimed reply and gives it back, whatever happens: 1 if it moved on. */
  private int handle(AgentReplies.Reply reply, Runnable step) {
    try {
      step.run();
      return 1;
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue("ticket", reply.ticketId())
          .log("Reply of ticket {}: {}", reply.ticketId(), e.getMessage());
      return 0;
    } finally {
      replies.release(reply.id(), instances.id());
    }
  }

  private void review(AgentReplies.Reply reply) {
    Optional<Conversations.Conversation> conversation =
        conversations.findByTicket(reply.ticketId());
    if (conversation.isEmpty()) {
      replies.setState(reply.id(), ReplyState.FAILED, "not a social ticket", clock.instant());
      return;
    }
    SocialPost answering = customerPosts.latestOf(conversation.get());
    Optional<ChannelConnector> channel = extensions.channel(answering.network());
    if (channel.isEmpty() || channel.get().publisher().isEmpty()) {
      stop(
          reply,
          ReplyState.FAILED,
          "Socialdesk cannot publish on "
              + answering.network()
              + ": no channel for it is enabled. The reply was not sent.",
          ReplyStatus.FAILED,
          SocialdeskEvent.ReplyStopped.Outcome.FAILED);
      return;
    }
    if (reply.text().isBlank()) {
      stop(
          reply,
          ReplyState.HELD,
          "The reply has no text to publish (attachments are not sent to social networks).",
          ReplyStatus.HELD,
          SocialdeskEvent.ReplyStopped.Outcome.HELD);
      return;
    }
    TextLimit limit = channel.get().textLimit();
    ReplyDraft original =
        new ReplyDraft(
            new TicketRef(helpdesk.name(), reply.ticketId()),
            reply.agent(),
            answering,
            conversation.get().enrichment(),
            answering.visibility(),
            List.of(reply.text().strip()),
            reply.approved(),
            limit);
    switch (reviewed(original)) {
      case ReplyDecision.Hold hold ->
          stop(
              reply,
              ReplyState.HELD,
              "Socialdesk held this reply: " + hold.reason() + "\n\nWhat to do: " + hold.guidance(),
              ReplyStatus.HELD,
              SocialdeskEvent.ReplyStopped.Outcome.HELD);
      case ReplyDecision.NeedsApproval approval ->
          stop(
              reply,
              ReplyState.AWAITING_APPROVAL,
              "This reply waits for a supervisor's approval before it is published: "
                  + approval.reason()
                  + "\n\nA supervisor approves with a comment whose first line is /approve (or sets ReplyApproval to approved);"
                  + " /reject discards it.",
              ReplyStatus.AWAITING_APPROVAL,
              SocialdeskEvent.ReplyStopped.Outcome.AWAITING_APPROVAL);
      case ReplyDecision.Allow allow -> {
        List<Outbox.Draft> parts = new ArrayList<>(Outbox.Draft.of(allow.draft()));
        parts.addAll(followUps(reply, original));
        outbox.enqueue(reply, answering, parts, clock.instant());
        setReplyStatus(reply.ticketId(), ReplyStatus.PENDING);
      }
    }
  }

  /**
   * Runs the policies in order, then the host's own final check; the first that does not allow
   * decides. An allowed draft comes back as the policies left it (signed, split, made private).
   */
  private ReplyDecision reviewed(ReplyDraft draft) {
    for (ReplyPolicy policy : extensions.replyPolicies()) {
      switch (policy.review(draft)) {
        case ReplyDecision.Allow allow -> draft = allow.draft();
        case ReplyDecision.Hold hold -> {
          return hold;
        }
        case ReplyDecision.NeedsApproval approval -> {
          return approval;
        }
      }
    }
    Optional<ReplyDecision.Hold> problem = finalCheck(draft);
    return problem.isPresent() ? problem.get() : new ReplyDecision.Allow(draft);
  }

  /**
   * What the policies ask to publish after the reply (a public note after a DM), reviewed like any
   * reply; one that is not allowed is left out, and the ticket says so.
   */
  private List<Outbox.Draft> followUps(AgentReplies.Reply reply, ReplyDraft original) {
    List<Outbox.Draft> parts = new ArrayList<>();
    for (ReplyPolicy policy : extensions.replyPolicies()) {
      for (ReplyDraft followUp : policy.followUps(original)) {
        switch (reviewed(followUp)) {
          case ReplyDecision.Allow allow -> parts.addAll(Outbox.Draft.of(allow.draft()));
          case ReplyDecision.Hold hold ->
              note(
                  new TicketRef(helpdesk.name(), reply.ticketId()),
                  "Socialdesk left out the follow-up \""
                      + String.join(" ", followUp.parts())
                      + "\": "
                      + hold.reason());
          case ReplyDecision.NeedsApproval approval ->
              note(
                  new TicketRef(helpdesk.name(), reply.ticketId()),
                  "Socialdesk left out the follow-up \""
                      + String.join(" ", followUp.parts())
                      + "\": it would need its own approval ("
                      + approval.reason()
                      + ").");
        }
      }
    }
    return parts;
  }

  /** What the host itself never lets through: a cut text, or a public answer to a deleted post. */
  private Optional<ReplyDecision.Hold> finalCheck(ReplyDraft draft) {
    if (draft.visibility() == Visibility.PUBLIC
        && conversations.isDeleted(draft.answering().key())) {
      return Optional.of(
          new ReplyDecision.Hold(
              "the customer deleted the post it answers, so it is not answered in public.",
              "start the reply with /dm to send it as a private message."));
    }
    int max = draft.limit().maxLength(draft.visibility());
    for (int i = 0; i < draft.parts().size(); i++) {
      int length = draft.limit().length(draft.parts().get(i));
      if (length > max) {
        return Optional.of(
            new ReplyDecision.Hold(
                "it is "
                    + length
                    + " characters long and "
                    + draft.answering().network()
                    + " allows "
                    + max
                    + "; Socialdesk never cuts a reply.",
                "shorten it, or send it privately by starting it with /dm."));
      }
    }
    return Optional.empty();
  }

  /**
   * Writes the outcome of a reply the outbox is done with: every part is final, as the publisher
   * handed it back in the transaction that made its last part final.
   */
  private void report(AgentReplies.Reply reply) {
    List<Outbox.Part> parts = outbox.partsOf(reply.ticketId(), reply.transactionId());
    TicketRef ticket = new TicketRef(helpdesk.name(), reply.ticketId());
    if (parts.stream().allMatch(p -> p.state() == PartState.PUBLISHED)) {
      String where =
          parts.stream()
              .map(
                  p ->
                      (p.visibility() == Visibility.PRIVATE ? "private message " : "")
                          + (p.remoteUrl() != null ? p.remoteUrl() : p.remoteId()))
              .collect(Collectors.joining("\n"));
      noteOnce(
          reply,
          ReplyState.PUBLISHED,
          ticket,
          "Published on " + parts.getFirst().network() + ":\n" + where);
      setReplyStatus(reply.ticketId(), ReplyStatus.PUBLISHED);
      replies.setState(reply.id(), ReplyState.PUBLISHED, null, clock.instant());
      return;
    }
    boolean unknown = parts.stream().anyMatch(p -> p.state() == PartState.UNKNOWN);
    String error =
        parts.stream()
            .filter(p -> p.lastError() != null)
            .map(Outbox.Part::lastError)
            .findFirst()
            .orElse("no detail");
    long published = parts.stream().filter(p -> p.state() == PartState.PUBLISHED).count();
    String text =
        unknown
            ? "Socialdesk stopped while publishing this reply, so it may or may not be live on "
                + parts.getFirst().network()
                + ". Check the conversation on the network and reply again if it is missing. ("
                + error
                + ")"
            : "The network refused this reply: "
                + error
                + (published > 0
                    ? " (" + published + " of " + parts.size() + " parts were published)"
                    : "");
    ReplyState outcome = unknown ? ReplyState.UNKNOWN : ReplyState.FAILED;
    noteOnce(reply, outcome, ticket, text);
    setReplyStatus(reply.ticketId(), unknown ? ReplyStatus.UNKNOWN : ReplyStatus.FAILED);
    replies.setState(reply.id(), outcome, error, clock.instant());
    events.publish(
        new SocialdeskEvent.ReplyStopped(
            ticket,
            reply.transactionId(),
            SocialdeskEvent.ReplyStopped.Outcome.FAILED,
            error,
            clock.instant()));
  }

  /**
   * Writes the reason to the ticket first, then records the state: a helpdesk outage retries the
   * whole step.
   */
  private void stop(
      AgentReplies.Reply reply,
      ReplyState state,
      String comment,
      ReplyStatus replyStatus,
      SocialdeskEvent.ReplyStopped.Outcome outcome) {
    TicketRef ticket = new TicketRef(helpdesk.name(), reply.ticketId());
    noteOnce(reply, state, ticket, comment);
    if (replyStatus != null) {
      setReplyStatus(reply.ticketId(), replyStatus);
    }
    replies.setState(reply.id(), state, comment, clock.instant());
    events.publish(
        new SocialdeskEvent.ReplyStopped(
            ticket, reply.transactionId(), outcome, comment, clock.instant()));
  }

  /**
   * Writes the note that announces {@code outcome}, unless it was announced before: then the
   * instance that announced it stopped before recording the outcome, maybe after writing it.
   */
  private void noteOnce(
      AgentReplies.Reply reply, ReplyState outcome, TicketRef ticket, String text) {
    if (!replies.startNote(reply.id(), outcome)) {
      log.atWarn()
          .addKeyValue("ticket", reply.ticketId())
          .addKeyValue("outcome", outcome)
          .log(
              "Socialdesk stopped while writing the {} note of ticket {}; it is not written twice, so check that the ticket has it",
              outcome.stored,
              reply.ticketId());
      return;
    }
    try {
      note(ticket, text);
    } catch (RuntimeException e) {
      replies.forgetNote(reply.id());
      throw e;
    }
  }

  private void note(TicketRef ticket, String text) {
    helpdesk.addMessage(ticket, new TicketMessage.InternalNote(text));
  }

  private void setReplyStatus(String ticketId, ReplyStatus status) {
    try {
      helpdesk.update(
          new TicketRef(helpdesk.name(), ticketId),
          TicketUpdate.fields(Map.of(TicketField.REPLY_STATUS.fieldName(), status.value)));
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue("ticket", ticketId)
          .log("Could not set ReplyStatus to {}: {}", status.value, e.getMessage());
    }
  }
}
