package org.socialdesk.channel.reply;

/**
 * A text with every decimal digit of any script (Thai ๐-๙, Persian ۰-۹, Arabic-Indic ٠-٩,
 * fullwidth, ...) turned into its ASCII digit, fullwidth ASCII into ASCII, dashes into {@code -}
 * and space separators into a plain space, with a map from each index back to the original text, so
 * that a match can be located and quoted there.
 */
final class DigitNormalisedText {

  private final String text;
  private final int[] originalIndex;

  private DigitNormalisedText(String text, int[] originalIndex) {
    this.text = text;
    this.originalIndex = originalIndex;
  }

  static DigitNormalisedText of(String original) {
    StringBuilder out = new StringBuilder(original.length());
    int[] index = new int[original.length() + 1];
    int i = 0;
    while (i < original.length()) {
      int codePoint = original.codePointAt(i);
      int before = out.length();
      out.appendCodePoint(normalise(codePoint));
      for (int k = before; k < out.length(); k++) {
        index[k] = i;
      }
      i += Character.charCount(codePoint);
    }
    index[out.length()] = original.length();
    int[] trimmed = new int[out.length() + 1];
    System.arraycopy(index, 0, trimmed, 0, trimmed.length);
    return new DigitNormalisedText(out.toString(), trimmed);
  }

  private static int normalise(int codePoint) {
    if (Character.isDigit(codePoint)) {
      return '0' + Character.digit(codePoint, 10);
    }
    if (codePoint >= 0xFF01 && codePoint <= 0xFF5E) {
      return codePoint - 0xFEE0;
    }
    if (Character.getType(codePoint) == Character.DASH_PUNCTUATION || codePoint == 0x2212) {
      return '-';
    }
    if (Character.getType(codePoint) == Character.SPACE_SEPARATOR) {
      return ' ';
    }
    return codePoint;
  }

  String text() {
    return text;
  }

  /** The original span of the normalised span {@code [start, end)}. */
  TextSpan original(int start, int end) {
    int originalEnd = end < text.length() ? originalIndex[end] : originalIndex[text.length()];
    return new TextSpan(originalIndex[start], originalEnd);
  }
}
