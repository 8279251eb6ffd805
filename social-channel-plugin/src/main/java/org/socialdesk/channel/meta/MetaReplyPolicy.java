package org.socialdesk.channel.meta;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.Visibility;

/**
 * Meta's own rules, checked before a reply is queued, so that the ticket says at once why it cannot
 * go out (the host writes the reason and what to do as a note and sets ReplyStatus to {@code
 * held}): a hidden or Live comment is not answered in public; a direct message outside Meta's
 * window is held with the time the window closed; a private reply goes once per comment, within 7
 * days. Runs after {@code /dm} (100), which decides the visibility. The publisher checks the same
 * rules again when it sends, since a reply may wait in the outbox.
 */
final class MetaReplyPolicy implements ReplyPolicy {

  static final String NAME = "meta-rules";

  private final MetaItems items;
  private final MetaPrivateReplies privateReplies;
  private final boolean humanAgentTag;
  private final Clock clock;

  MetaReplyPolicy(
      MetaItems items, MetaPrivateReplies privateReplies, boolean humanAgentTag, Clock clock) {
    this.items = items;
    this.privateReplies = privateReplies;
    this.humanAgentTag = humanAgentTag;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return 150;
  }

  @Override
  public ReplyDecision review(ReplyDraft draft) {
    String networkId = draft.answering().network();
    if (!networkId.equals(MetaNetwork.FACEBOOK.id())
        && !networkId.equals(MetaNetwork.INSTAGRAM.id())) {
      return new ReplyDecision.Allow(draft);
    }
    MetaNetwork network = MetaNetwork.of(networkId);
    Optional<MetaItem> item = items.find(network, draft.answering().key().postId());
    Optional<ReplyDecision.Hold> hold =
        draft.visibility() == Visibility.PUBLIC
            ? publicRules(item, network)
            : privateRules(draft, item, network);
    return hold.isPresent() ? hold.get() : new ReplyDecision.Allow(draft);
  }

  private Optional<ReplyDecision.Hold> publicRules(Optional<MetaItem> item, MetaNetwork network) {
    if (item.isEmpty()) {
      return Optional.empty();
    }
    if (item.get().hidden()) {
      return Optional.of(
          new ReplyDecision.Hold(
              "the comment is hidden on " + network.id() + ", so it is not answered in public.",
              "start the reply with /dm to answer privately (within 7 days of the comment), or show the comment again on "
                  + network.id()
                  + "."));
    }
    if (item.get().live()) {
      return Optional.of(
          new ReplyDecision.Hold(
              "Instagram does not allow replies to Live comments.",
              "start the reply with /dm to answer privately, within 7 days of the comment."));
    }
    return Optional.empty();
  }

  private Optional<ReplyDecision.Hold> privateRules(
      ReplyDraft draft, Optional<MetaItem> item, MetaNetwork network) {
    Instant now = clock.instant();
    if (draft.answering().visibility() == Visibility.PRIVATE) {
      Instant last = item.map(MetaItem::createdAt).orElse(draft.answering().postedAt());
      if (MetaWindow.message(last, now, humanAgentTag).isEmpty()) {
        return Optional.of(
            new ReplyDecision.Hold(
                MetaWindow.closedReason(network.id(), last, humanAgentTag),
                "wait for the customer's next message (it opens the window again), or reach them on another channel."));
      }
      return Optional.empty();
    }
    String comment = draft.answering().key().postId();
    if (item.isPresent()
        && item.get().kind() == MetaItem.Kind.MENTION
        && network == MetaNetwork.INSTAGRAM) {
      return Optional.of(
          new ReplyDecision.Hold(
              "Instagram offers no private reply to a mention.",
              "answer it in public (without /dm)."));
    }
    Instant written = item.map(MetaItem::createdAt).orElse(draft.answering().postedAt());
    if (now.isAfter(written.plus(MetaWindow.PRIVATE_REPLY))) {
      return Optional.of(
          new ReplyDecision.Hold(
              "Meta allows a private reply within 7 days of the comment; it was written at "
                  + written
                  + ", so the last moment was "
                  + written.plus(MetaWindow.PRIVATE_REPLY)
                  + ".",
              "answer in public, without /dm."));
    }
    if (privateReplies.wasClaimed(network, comment)) {
      return Optional.of(
          new ReplyDecision.Hold(
              "a private reply to this comment was already sent; Meta allows one per comment.",
              "the conversation continues in the inbox once the customer answers it; until then, answer in public."));
    }
    return Optional.empty();
  }
}
