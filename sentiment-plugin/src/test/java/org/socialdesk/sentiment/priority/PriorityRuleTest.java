package org.socialdesk.sentiment.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.enrich.Sentiment;

class PriorityRuleTest {

  private final PriorityRule rule = new PriorityRule(PriorityConfig.defaults());

  @Test
  void anAngryVipComplaintGoesToTheTop() {
    assertThat(
            rule.priority(
                enrichment(Sentiment.Label.NEGATIVE, Influence.Tier.VIP, Intent.COMPLAINT)))
        .isEqualTo(99);
  }

  @Test
  void aThankYouFromASmallAccountCanWait() {
    assertThat(
            rule.priority(enrichment(Sentiment.Label.POSITIVE, Influence.Tier.LOW, Intent.PRAISE)))
        .isEqualTo(10);
  }

  @Test
  void spamGetsNothing() {
    assertThat(
            rule.priority(enrichment(Sentiment.Label.NEGATIVE, Influence.Tier.HIGH, Intent.SPAM)))
        .isZero();
  }

  @Test
  void weightsComeFromConfiguration() {
    PriorityRule custom =
        new PriorityRule(new PriorityConfig(Map.of("negative", 70), Map.of("high", 5), null));

    assertThat(
            custom.priority(
                enrichment(Sentiment.Label.NEGATIVE, Influence.Tier.HIGH, Intent.QUESTION)))
        .isEqualTo(80);
  }

  @Test
  void anUnknownNameInTheRuleIsAClearError() {
    assertThatThrownBy(() -> new PriorityConfig(Map.of("angry", 90), null, null))
        .hasMessageContaining("plugins.sentiment.priority.sentiment has no 'angry'");
  }

  private static Enrichment enrichment(Sentiment.Label label, Influence.Tier tier, Intent intent) {
    return Enrichment.NONE
        .withSentiment(new Sentiment(label, 0.9))
        .withInfluence(new Influence(tier, 50, List.of()))
        .withIntent(intent);
  }
}
