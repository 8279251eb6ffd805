package org.socialdesk.api.reply;

/**
 * One check or transformation of a reply (length, signature, personal data, approval). Policies
 * run in ascending {@link #order()}; the first that does not allow stops the reply.
 */
public interface ReplyPolicy {

  String name();

  default int order() {
    return 500;
  }

  ReplyDecision review(ReplyDraft draft);
}
