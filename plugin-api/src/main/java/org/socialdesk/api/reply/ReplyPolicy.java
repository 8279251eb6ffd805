package org.socialdesk.api.reply;

import java.util.List;

/**
 * One check or transformation of a reply (length, signature, personal data, approval). Policies run
 * in ascending {@link #order()}; the first that does not allow stops the reply.
 */
public interface ReplyPolicy {

  String name();

  default int order() {
    return 500;
  }

  ReplyDecision review(ReplyDraft draft);

  /**
   * Further posts to publish after this reply, once it is published: e.g. a public "we've sent you
   * a DM" after a private message. Each follow-up passes the policies like any reply (its own
   * follow-ups are not asked for); one that is not allowed is left out and the ticket says why. The
   * host publishes a follow-up only if the reply before it was published.
   *
   * @param original the draft as the agent wrote it, before any policy ran
   * @since API 1.1
   */
  default List<ReplyDraft> followUps(ReplyDraft original) {
    return List.of();
  }
}
