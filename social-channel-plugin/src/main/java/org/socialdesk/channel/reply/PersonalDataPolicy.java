package org.socialdesk.channel.reply;

import java.util.List;
import java.util.stream.Collectors;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.PersonalDataConfig;

/**
 * Holds a public reply that contains personal data, naming what was found (masked) and how to send
 * it privately instead. Private replies pass; so does a supervisor's approval, which does not make
 * personal data public-safe.
 */
final class PersonalDataPolicy implements ReplyPolicy {

  static final String NAME = "personal-data";
  static final String GUIDANCE =
      "Remove it, or start the reply with /dm to send it as a private message.";

  private final PersonalDataConfig config;
  private final PersonalDataGuard guard;

  PersonalDataPolicy(PersonalDataConfig config) {
    this.config = config;
    this.guard = new PersonalDataGuard(config);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return 300;
  }

  @Override
  public ReplyDecision review(ReplyDraft draft) {
    if (draft.visibility() != Visibility.PUBLIC || !guard.enabled()) {
      return new ReplyDecision.Allow(draft);
    }
    List<Finding> findings =
        guard.find(
            String.join("\n", draft.parts()),
            config.phoneRegionsFor(draft.enrichment().language()));
    if (findings.isEmpty()) {
      return new ReplyDecision.Allow(draft);
    }
    String found = findings.stream().map(Finding::describe).collect(Collectors.joining(", "));
    return new ReplyDecision.Hold(
        "The public reply contains personal data: " + found + ".", GUIDANCE);
  }
}
