package org.socialdesk.channel.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.DmConfig;

/** Applies the {@link DmCommand}: the reply goes out privately, without the command line. */
final class DmCommandPolicy implements ReplyPolicy {

  static final String NAME = "dm-command";

  private final DmConfig config;

  DmCommandPolicy(DmConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return 100;
  }

  @Override
  public ReplyDecision review(ReplyDraft draft) {
    Optional<DmCommand> command = DmCommand.parse(draft.parts().get(0));
    if (command.isEmpty()) {
      return new ReplyDecision.Allow(draft);
    }
    List<String> parts = new ArrayList<>(draft.parts());
    parts.set(0, command.get().message());
    parts.removeIf(String::isBlank);
    if (parts.isEmpty()) {
      return new ReplyDecision.Hold(
          "The /dm reply has no message after the command.",
          "Write the message on the lines below /dm.");
    }
    return new ReplyDecision.Allow(draft.withVisibility(Visibility.PRIVATE).withParts(parts));
  }

  /**
   * The public note a {@code /dm+} reply also posts in the thread, in the conversation's language
   * where configured; empty for any other reply or a conversation that is private anyway.
   */
  @Override
  public List<ReplyDraft> followUps(ReplyDraft original) {
    boolean wanted =
        DmCommand.parse(original.parts().get(0)).map(DmCommand::publicNote).orElse(false);
    if (!wanted || original.answering().visibility() != Visibility.PUBLIC) {
      return List.of();
    }
    String note = config.noteFor(original.enrichment().language());
    return List.of(original.withVisibility(Visibility.PUBLIC).withParts(List.of(note)));
  }
}
