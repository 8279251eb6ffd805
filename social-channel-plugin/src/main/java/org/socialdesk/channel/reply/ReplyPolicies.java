package org.socialdesk.channel.reply;

import java.util.List;
import java.util.Objects;
import org.socialdesk.api.reply.ReplyPolicy;

/**
 * The reply workflow's policies, built from one {@link ReplyWorkflowConfig}, in the order they run:
 * {@code dm-command} (100), {@code approval} (200), {@code personal-data} (300), {@code signature}
 * (400), {@code length} (500). {@code dm-command} also offers the public note a {@code /dm+} reply
 * posts after its private message, as a follow-up.
 */
public final class ReplyPolicies {

  private final List<ReplyPolicy> policies;

  private ReplyPolicies(ReplyWorkflowConfig config) {
    Signature signature = new Signature(config.signature());
    this.policies =
        List.of(
            new DmCommandPolicy(config.dm()),
            new ApprovalPolicy(config.approval()),
            new PersonalDataPolicy(config.personalData()),
            new SignaturePolicy(signature),
            new LengthPolicy(config.length(), signature));
  }

  public static ReplyPolicies from(ReplyWorkflowConfig config) {
    return new ReplyPolicies(Objects.requireNonNull(config, "config"));
  }

  /** The policies, in ascending order; the plugin returns them from {@code replyPolicies()}. */
  public List<ReplyPolicy> all() {
    return policies;
  }
}
