package org.socialdesk.sentiment.influence;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.social.SocialPost;

/**
 * An author's influence as a 0-100 score with the reasons for every point, so the ticket can show
 * why: reach (followers, on a log scale, since the difference between 100 and 1,000 followers
 * matters as much as between 100,000 and a million), verification, lists, the post's engagement,
 * account age, and the author's history with the brand. The admin's VIP list wins.
 */
public final class InfluenceScorer {

  private final InfluenceConfig config;
  private final Clock clock;

  public InfluenceScorer(InfluenceConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  public Influence score(SocialPost post, AuthorHistory history) {
    List<String> reasons = new ArrayList<>();
    double score = 0;
    long followers = post.author().followers();
    score +=
        add(
            reasons,
            Math.min(60, 12 * Math.log10(1 + followers)),
            String.format(Locale.ROOT, "%,d followers", followers));
    if (post.author().verified()) {
      score += add(reasons, 15, "verified account");
    }
    long listed = post.author().listedCount();
    if (listed > 0) {
      score +=
          add(
              reasons,
              Math.min(10, 3 * Math.log10(1 + listed)),
              String.format(Locale.ROOT, "on %,d public lists", listed));
    }
    long engagement = post.engagement().total();
    if (engagement > 0) {
      score +=
          add(
              reasons,
              Math.min(10, 4 * Math.log10(1 + engagement)),
              String.format(Locale.ROOT, "%,d reactions to this post", engagement));
    }
    score += accountAge(post, reasons);
    if (history.earlierConversations() >= 3) {
      score +=
          add(reasons, 5, history.earlierConversations() + " earlier conversations with the brand");
    }
    if (history.earlierNegative() >= 2) {
      score += add(reasons, 5, history.earlierNegative() + " earlier negative conversations");
    }
    score = Math.max(0, Math.min(100, score));
    if (history.isVip()) {
      reasons.addFirst("on the VIP list: " + history.vipReason());
      return new Influence(Influence.Tier.VIP, Math.max(score, config.vipFrom()), reasons);
    }
    return new Influence(tierOf(score), round(score), reasons);
  }

  private double accountAge(SocialPost post, List<String> reasons) {
    if (post.author().accountCreated() == null) {
      return 0;
    }
    Duration age = Duration.between(post.author().accountCreated(), clock.instant());
    if (age.toDays() < 30) {
      return add(reasons, -10, "account less than 30 days old");
    }
    if (age.toDays() > 5 * 365) {
      return add(reasons, 5, "account older than 5 years");
    }
    return 0;
  }

  Influence.Tier tierOf(double score) {
    if (score >= config.vipFrom()) {
      return Influence.Tier.VIP;
    }
    if (score >= config.highFrom()) {
      return Influence.Tier.HIGH;
    }
    return score >= config.mediumFrom() ? Influence.Tier.MEDIUM : Influence.Tier.LOW;
  }

  private static double add(List<String> reasons, double points, String why) {
    double rounded = round(points);
    reasons.add(why + String.format(Locale.ROOT, " (%+.0f)", rounded));
    return rounded;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
