package org.socialdesk.sentiment.influence;

/**
 * How influence tiers are cut from the 0-100 score ({@code plugins.sentiment.influence}).
 *
 * @param vipFrom score from which an author is VIP even if not on the VIP list; default 85
 * @param highFrom score from which the tier is high; default 60
 * @param mediumFrom score from which the tier is medium; default 35
 */
public record InfluenceConfig(Double vipFrom, Double highFrom, Double mediumFrom) {

  public InfluenceConfig {
    vipFrom = vipFrom != null ? vipFrom : 85.0;
    highFrom = highFrom != null ? highFrom : 60.0;
    mediumFrom = mediumFrom != null ? mediumFrom : 35.0;
    if (!(mediumFrom < highFrom && highFrom < vipFrom && vipFrom <= 100 && mediumFrom > 0)) {
      throw new IllegalArgumentException(
          "plugins.sentiment.influence needs 0 < medium-from < high-from < vip-from <= 100");
    }
  }

  public static InfluenceConfig defaults() {
    return new InfluenceConfig(null, null, null);
  }
}
