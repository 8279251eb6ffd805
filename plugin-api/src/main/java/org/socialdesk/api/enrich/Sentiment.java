package org.socialdesk.api.enrich;

import java.util.Objects;

/** A sentiment label with the model's confidence in it (0..1). */
public record Sentiment(Label label, double score) {

  public Sentiment {
    Objects.requireNonNull(label, "label");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be within 0..1, got " + score);
    }
  }

  public enum Label {
    NEGATIVE,
    NEUTRAL,
    POSITIVE;

    /** The lower-case name used in helpdesk fields and reports. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
