package org.socialdesk.sentiment.influence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

class InfluenceScorerTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private final InfluenceScorer scorer =
      new InfluenceScorer(InfluenceConfig.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aVerifiedJournalistWithAQuarterMillionFollowersIsHighOrAbove() {
    Influence influence =
        scorer.score(
            post(250_000, true, 1200, 300, Instant.parse("2012-01-01T00:00:00Z")),
            AuthorHistory.NONE);

    assertThat(influence.tier()).isIn(Influence.Tier.HIGH, Influence.Tier.VIP);
    assertThat(influence.score()).isGreaterThan(80);
    assertThat(influence.reasons())
        .contains("250,000 followers (+60)", "verified account (+15)")
        .anyMatch(r -> r.startsWith("account older"));
  }

  @Test
  void aSmallNewAccountIsLowAndSaysWhy() {
    Influence influence =
        scorer.score(post(12, false, 0, 0, NOW.minusSeconds(86_400 * 3)), AuthorHistory.NONE);

    assertThat(influence.tier()).isEqualTo(Influence.Tier.LOW);
    assertThat(influence.reasons()).contains("account less than 30 days old (-10)");
  }

  @Test
  void theVipListWinsWhateverTheReach() {
    Influence influence =
        scorer.score(
            post(40, false, 0, 0, null), new AuthorHistory(0, 0, "key account: Acme Corp"));

    assertThat(influence.tier()).isEqualTo(Influence.Tier.VIP);
    assertThat(influence.score()).isEqualTo(85);
    assertThat(influence.reasons().getFirst()).isEqualTo("on the VIP list: key account: Acme Corp");
  }

  @Test
  void aRepeatComplainerGainsWeight() {
    double fresh = scorer.score(post(1000, false, 0, 0, null), AuthorHistory.NONE).score();
    double repeat =
        scorer.score(post(1000, false, 0, 0, null), new AuthorHistory(4, 3, null)).score();

    assertThat(repeat).isEqualTo(fresh + 10);
  }

  @Test
  void tiersFollowTheConfiguredCuts() {
    InfluenceScorer strict =
        new InfluenceScorer(new InfluenceConfig(95.0, 80.0, 50.0), Clock.systemUTC());

    assertThat(strict.tierOf(79.9)).isEqualTo(Influence.Tier.MEDIUM);
    assertThat(strict.tierOf(80)).isEqualTo(Influence.Tier.HIGH);
    assertThat(strict.tierOf(49)).isEqualTo(Influence.Tier.LOW);
  }

  private static SocialPost post(
      long followers, boolean verified, long listed, long likes, Instant created) {
    Author author =
        new Author("x", "42", "someone", "Someone", followers, verified, listed, created);
    return new SocialPost(
        new PostKey("x", "1"),
        "1",
        null,
        author,
        "text",
        NOW,
        Visibility.PUBLIC,
        null,
        new Engagement(likes, 0, 0, 0),
        Map.of());
  }
}
