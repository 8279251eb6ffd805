package org.socialdesk.api.enrich;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How far an author's voice carries, with the reasons that produced the score, so the ticket can
 * show why.
 */
public record Influence(Tier tier, double score, List<String> reasons) {

  public Influence {
    Objects.requireNonNull(tier, "tier");
    reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
    if (!(score >= 0 && score <= 100)) {
      throw new IllegalArgumentException("score must be within 0..100, got " + score);
    }
  }

  public enum Tier {
    LOW,
    MEDIUM,
    HIGH,
    VIP;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
