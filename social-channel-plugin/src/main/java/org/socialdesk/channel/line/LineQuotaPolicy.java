package org.socialdesk.channel.line;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.Visibility;

/**
 * Holds a LINE reply that would be pushed while the account's monthly quota is spent, so that the
 * ticket's ReplyStatus is {@code held} and its note says why, instead of a failure after the fact.
 * A reply that can still use the customer's fresh reply token is free and passes; so does every
 * reply to another network.
 */
final class LineQuotaPolicy implements ReplyPolicy {

  static final String NAME = "line-quota";

  private final LineMessages messages;
  private final LineQuota quota;
  private final Duration replyTokenTtl;
  private final Clock clock;

  LineQuotaPolicy(LineMessages messages, LineQuota quota, Duration replyTokenTtl, Clock clock) {
    this.messages = messages;
    this.quota = quota;
    this.replyTokenTtl = replyTokenTtl;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * After the length check (500), which may split the reply: every part after the first is a push.
   */
  @Override
  public int order() {
    return 600;
  }

  @Override
  public ReplyDecision review(ReplyDraft draft) {
    if (!LineDelivery.NETWORK.equals(draft.answering().network())
        || replyTokenCovers(draft)
        || !quota.spent()) {
      return new ReplyDecision.Allow(draft);
    }
    return new ReplyDecision.Hold(
        LineQuota.SPENT
            + "; the customer's reply token has expired, so this reply would be a push.",
        "Wait for the quota to renew at the start of next month, or raise the plan's limit in LINE Official Account Manager, then"
            + " reply again; or reply right after the customer's next message, within its reply token's "
            + replyTokenTtl.toSeconds()
            + " seconds, which is free.");
  }

  private boolean replyTokenCovers(ReplyDraft draft) {
    if (draft.parts().size() > 1) {
      return false;
    }
    String to =
        draft.visibility() == Visibility.PRIVATE
            ? draft.answering().author().accountId()
            : draft.answering().conversationId();
    Optional<LineMessages.Row> answered = messages.find(draft.answering().key().postId());
    return answered.isPresent()
        && LinePublisher.freshFor(answered.get(), to, replyTokenTtl, clock.instant());
  }
}
