package org.socialdesk.sentiment.model;

import java.util.Locale;

/** A sentiment class. The ordinal is the class index inside a {@link SentimentModel}. */
public enum Label {
  NEGATIVE,
  NEUTRAL,
  POSITIVE;

  private static final Label[] VALUES = values();

  /** The lower-case name used in data files and reports: negative, neutral or positive. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Label ofIndex(int index) {
    return VALUES[index];
  }

  /**
   * Parses a label of a data file. Thai Wisesight's {@code question} (and {@code q}) counts as
   * neutral; {@code pos}/{@code neu}/{@code neg} are accepted too.
   *
   * @throws IllegalArgumentException for any other word
   */
  public static Label parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "negative", "neg" -> NEGATIVE;
      case "neutral", "neu", "question", "q" -> NEUTRAL;
      case "positive", "pos" -> POSITIVE;
      default -> throw new IllegalArgumentException("unknown sentiment label: " + text);
    };
  }
}
