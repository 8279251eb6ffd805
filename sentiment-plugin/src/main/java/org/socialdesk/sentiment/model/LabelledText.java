package org.socialdesk.sentiment.model;

import java.util.Objects;

/** One training or evaluation example: a text and its sentiment label. */
public record LabelledText(Label label, String text) {
  public LabelledText {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(text, "text");
  }
}
