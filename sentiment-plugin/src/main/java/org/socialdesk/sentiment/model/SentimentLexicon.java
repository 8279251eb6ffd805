package org.socialdesk.sentiment.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An English word-polarity lexicon (VADER's, see {@value #RESOURCE}) turned into four cue features:
 * a word the lexicon rates positive gives {@code _lex+1_} (or {@code _lex+2_} from a valence of 2
 * up), a negative one {@code _lex-1_} / {@code _lex-2_}; inside a negation scope the sign flips.
 * 47k training tweets teach the frequent words anyway; the cues carry what a human rater knew about
 * the thousands of words that are rare in them. Immutable.
 */
final class SentimentLexicon {
  static final String RESOURCE = "/org/socialdesk/sentiment/vader-lexicon.tsv";

  /** From here on a valence counts as strong (VADER's scale runs -4 .. +4). */
  private static final float STRONG = 2f;

  private final Map<String, Float> valence;

  SentimentLexicon(Map<String, Float> valence) {
    this.valence = Map.copyOf(valence);
  }

  /** Reads the lexicon shipped in the jar. */
  static SentimentLexicon readDefault() {
    try (InputStream in = SentimentLexicon.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + RESOURCE + " not on the classpath");
      }
      Map<String, Float> valence = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int tab = line.indexOf('\t');
        if (!line.startsWith("#") && tab > 0) {
          valence.put(line.substring(0, tab), Float.parseFloat(line.substring(tab + 1).strip()));
        }
      }
      return new SentimentLexicon(valence);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cue of {@code word} (a normalised token; a hashtag counts as its word), or null. */
  String cue(String word, boolean negated) {
    Float v = valence.get(word.length() > 1 && word.charAt(0) == '#' ? word.substring(1) : word);
    if (v == null || v == 0f) {
      return null;
    }
    boolean positive = (v > 0) != negated;
    return (positive ? "_lex+" : "_lex-") + (Math.abs(v) >= STRONG ? "2_" : "1_");
  }
}
