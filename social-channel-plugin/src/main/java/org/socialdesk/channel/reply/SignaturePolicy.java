package org.socialdesk.channel.reply;

import java.util.ArrayList;
import java.util.List;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;

/**
 * Appends the agent's {@link Signature} to the reply's last part, once. The length check that
 * follows keeps it on the last part when it splits the reply.
 */
final class SignaturePolicy implements ReplyPolicy {

  static final String NAME = "signature";

  private final Signature signature;

  SignaturePolicy(Signature signature) {
    this.signature = signature;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return 400;
  }

  @Override
  public ReplyDecision review(ReplyDraft draft) {
    if (!signature.enabled()) {
      return new ReplyDecision.Allow(draft);
    }
    List<String> parts = new ArrayList<>(draft.parts());
    int last = parts.size() - 1;
    parts.set(last, signature.appendTo(parts.get(last), draft.agent()));
    return new ReplyDecision.Allow(draft.withParts(parts));
  }
}
