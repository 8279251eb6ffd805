package org.socialdesk.api.reply;

import java.util.Objects;

/** A policy's verdict on a draft. */
public sealed interface ReplyDecision {

  /** Go on, with the draft as this policy left it (it may have added a signature or split it). */
  record Allow(ReplyDraft draft) implements ReplyDecision {
    public Allow {
      Objects.requireNonNull(draft, "draft");
    }
  }

  /**
   * Do not publish. The ticket gets {@code reason} and {@code guidance} (what the agent can do,
   * e.g. send it privately) as a comment.
   */
  record Hold(String reason, String guidance) implements ReplyDecision {
    public Hold {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(guidance, "guidance");
    }
  }

  /** Wait for a supervisor's approval in the helpdesk, then run the policies again. */
  record NeedsApproval(String reason) implements ReplyDecision {
    public NeedsApproval {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
