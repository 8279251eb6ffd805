package org.socialdesk.channel.reply;

import java.util.List;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.LengthConfig;

/**
 * Keeps each post within the network's limit: a reply that fits passes unchanged; a longer one is
 * split into a numbered thread by {@link ReplySplitter} (signature on the last part), or held for
 * the agent to shorten when the mode is {@code refuse} or the thread would be too long.
 */
final class LengthPolicy implements ReplyPolicy {

  static final String NAME = "length";

  private final LengthConfig config;
  private final Signature signature;

  LengthPolicy(LengthConfig config, Signature signature) {
    this.config = config;
    this.signature = signature;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return 500;
  }

  @Override
  public ReplyDecision review(ReplyDraft draft) {
    TextLimit limit = draft.limit();
    int max = limit.maxLength(draft.visibility());
    if (draft.parts().stream().allMatch(part -> limit.length(part) <= max)) {
      return new ReplyDecision.Allow(draft);
    }
    String text = String.join("\n\n", draft.parts());
    String tooLong =
        "The reply is "
            + limit.length(text)
            + " characters long; a "
            + (draft.visibility() == Visibility.PUBLIC ? "public reply" : "private message")
            + " on "
            + draft.answering().network()
            + " may have at most "
            + max
            + ".";
    String guidance =
        draft.visibility() == Visibility.PUBLIC
            ? "Shorten it or send it as a DM with /dm."
            : "Shorten it.";
    if (!config.splits()) {
      return new ReplyDecision.Hold(tooLong, guidance);
    }
    List<String> parts;
    try {
      parts =
          splitter(draft, max, text)
              .split(body(text, draft.agent()), signatureOf(text, draft.agent()));
    } catch (ReplySplitter.Unsplittable e) {
      return new ReplyDecision.Hold(
          tooLong + " It cannot be split: " + e.getMessage() + ".", guidance);
    }
    if (parts.size() > config.maxParts()) {
      return new ReplyDecision.Hold(
          tooLong
              + " Split, it would take "
              + parts.size()
              + " posts; at most "
              + config.maxParts()
              + " are allowed.",
          guidance);
    }
    return new ReplyDecision.Allow(draft.withParts(parts));
  }

  private static ReplySplitter splitter(ReplyDraft draft, int max, String text) {
    return new ReplySplitter(
        draft.limit(), max, ReplySplitter.localeFor(draft.enrichment().language(), text));
  }

  private String signatureOf(String text, String agent) {
    return signature.isSigned(text, agent) ? signature.forAgent(agent) : "";
  }

  private String body(String text, String agent) {
    String signed = signatureOf(text, agent);
    String trimmed = text.stripTrailing();
    return signed.isEmpty()
        ? text
        : trimmed.substring(0, trimmed.length() - signed.stripTrailing().length());
  }
}
