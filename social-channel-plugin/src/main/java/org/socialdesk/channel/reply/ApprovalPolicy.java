package org.socialdesk.channel.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.ApprovalConfig;

/**
 * Holds a reply for a supervisor's approval when the conversation matches a configured rule
 * (influence tier, negative sentiment, crisis flag) or the agent is new; approved replies pass.
 */
final class ApprovalPolicy implements ReplyPolicy {

  static final String NAME = "approval";
  private static final Set<String> FALSE = Set.of("", "false", "no", "off", "0");

  private final ApprovalConfig config;
  private final Set<Influence.Tier> tiers;

  ApprovalPolicy(ApprovalConfig config) {
    this.config = config;
    this.tiers = config.tiers();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return 200;
  }

  @Override
  public ReplyDecision review(ReplyDraft draft) {
    if (draft.approved()) {
      return new ReplyDecision.Allow(draft);
    }
    List<String> reasons = reasons(draft);
    if (reasons.isEmpty()) {
      return new ReplyDecision.Allow(draft);
    }
    return new ReplyDecision.NeedsApproval(
        "A supervisor approves this reply before it is published: "
            + String.join("; ", reasons)
            + ".");
  }

  private List<String> reasons(ReplyDraft draft) {
    Enrichment enrichment = draft.enrichment();
    List<String> reasons = new ArrayList<>();
    Influence influence = enrichment.influence();
    if (influence != null && tiers.contains(influence.tier())) {
      reasons.add("the author's influence is " + influence.tier().wireName());
    }
    Sentiment sentiment = enrichment.sentiment();
    if (config.negativeSentiment()
        && sentiment != null
        && sentiment.label() == Sentiment.Label.NEGATIVE) {
      reasons.add("the conversation is negative");
    }
    String crisis =
        config.crisisField().isEmpty() ? null : enrichment.fields().get(config.crisisField());
    if (crisis != null && !FALSE.contains(crisis.strip().toLowerCase(Locale.ROOT))) {
      reasons.add("the ticket's " + config.crisisField() + " is " + crisis.strip());
    }
    if (config.newAgents().contains(draft.agent())) {
      reasons.add(draft.agent() + " is a new agent");
    }
    return reasons;
  }
}
