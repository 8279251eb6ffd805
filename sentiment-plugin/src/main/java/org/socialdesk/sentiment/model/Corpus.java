package org.socialdesk.sentiment.model;

import java.util.List;
import java.util.Objects;

/**
 * A named set of labelled texts with its share of the training objective.
 *
 * @param name for reports, e.g. "th-wisesight-train"
 * @param rows the examples
 * @param weight the corpus's total weight in the loss, relative to the other corpora
 * @param balance 0 keeps the corpus's class frequencies; 1 gives every class of the corpus the same
 *     total weight (what macro-averaged recall rewards); values between interpolate geometrically
 */
public record Corpus(String name, List<LabelledText> rows, double weight, double balance) {
  public Corpus {
    Objects.requireNonNull(name, "name");
    rows = List.copyOf(rows);
    if (!(weight > 0)) {
      throw new IllegalArgumentException("weight must be positive: " + weight);
    }
    if (!(balance >= 0 && balance <= 1)) {
      throw new IllegalArgumentException("balance out of 0..1: " + balance);
    }
  }
}
