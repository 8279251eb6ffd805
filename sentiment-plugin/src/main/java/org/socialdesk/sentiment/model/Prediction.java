package org.socialdesk.sentiment.model;

import java.util.Objects;

/**
 * The outcome of {@link SentimentModel#classify(String)}.
 *
 * @param label the most probable label among the allowed ones
 * @param score the model's probability of that label, 0..1 (renormalised over the allowed labels)
 */
public record Prediction(Label label, double score) {
  public Prediction {
    Objects.requireNonNull(label, "label");
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score out of 0..1: " + score);
    }
  }
}
