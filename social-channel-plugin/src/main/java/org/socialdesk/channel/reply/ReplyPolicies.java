package org.socialdesk.channel.reply;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;

/**
 * The reply workflow's policies, built from one {@link ReplyWorkflowConfig}, in the order they
 * run: {@code dm-command} (100), {@code approval} (200), {@code personal-data} (300), {@code
 * signature} (400), {@code length} (500).
 */
public final class ReplyPolicies {

  private final DmCommandPolicy dmCommand;
  private final List<ReplyPolicy> policies;

  private ReplyPolicies(ReplyWorkflowConfig config) {
    Signature signature = new Signature(config.signature());
    this.dmCommand = new DmCommandPolicy(config.dm());
    this.policies = List.of(
        dmCommand,
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

  /**
   * For a reply that starts with {@code /dm+} in a public conversation, the public note to post in
   * the thread besides the private message (e.g. "We've sent you a DM."), as a public draft with
   * the original's ticket, agent and approval; empty for any other reply. The note passes the
   * policies like any reply.
   *
   * @param original the draft as the agent wrote it, before the policies ran
   */
  public Optional<ReplyDraft> publicNoteFor(ReplyDraft original) {
    return dmCommand.publicNoteFor(original);
  }
}
