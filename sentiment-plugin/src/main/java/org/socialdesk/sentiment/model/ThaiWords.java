package org.socialdesk.sentiment.model;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits Thai tokens into words with the JDK's dictionary-based Thai word breaker. Thai has no
 * spaces between words (a space ends a phrase), so without this a whole phrase is one "word" and
 * word features never repeat; with it, "ไม่ดีเลย" gives "ไม่", "ดี", "เลย" and their bigrams.
 *
 * <p>Not thread-safe (a {@link BreakIterator} is not): make one per text.
 */
final class ThaiWords {
  private static final Locale THAI = Locale.forLanguageTag("th");

  /** Created on the first Thai token only, so texts in other scripts pay nothing. */
  private BreakIterator breaker;

  /**
   * {@code tokens} with every token that contains Thai letters replaced by its words, up to the
   * token that reaches {@code maxChars} characters; later tokens are kept whole, since the
   * dictionary search costs more than everything else per text and the features look at the first
   * {@link FeatureExtractor#MAX_CHARS} characters anyway.
   */
  List<String> split(List<String> tokens, int maxChars) {
    List<String> out = null;
    int length = 0;
    for (int t = 0; t < tokens.size(); t++) {
      String tok = tokens.get(t);
      boolean split = length < maxChars && hasThai(tok);
      length += tok.length() + 1;
      if (!split) {
        if (out != null) {
          out.add(tok);
        }
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(tokens.size() * 4);
        out.addAll(tokens.subList(0, t));
      }
      words(tok, out);
    }
    return out == null ? tokens : out;
  }

  private void words(String tok, List<String> out) {
    if (breaker == null) {
      breaker = BreakIterator.getWordInstance(THAI);
    }
    breaker.setText(tok);
    int start = breaker.first();
    for (int end = breaker.next(); end != BreakIterator.DONE; start = end, end = breaker.next()) {
      out.add(tok.substring(start, end));
    }
  }

  static boolean hasThai(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '\u0E00' && c <= '\u0E7F') {
        return true;
      }
    }
    return false;
  }
}
