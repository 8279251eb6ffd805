package org.socialdesk.sentiment.model;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.socialdesk.sentiment.language.LanguageDetector;

/**
 * Turns a text into hashed sparse features (optionally conjoined with the text's language).
 *
 * <p>Two blocks, each scaled by {@code 1/sqrt(count)} so that long and short texts weigh alike:
 *
 * <ul>
 *   <li>words: unigrams of the normalised tokens, where a word inside a negation scope (after a
 *       negator such as "not", "never", "don't", "no", "nicht", "pas", "não" up to the next
 *       punctuation) becomes {@code not_<word>}, plus bigrams of adjacent tokens;
 *   <li>characters: n-grams of {@link #charMin}..{@link #charMax} characters of the normalised text
 *       (tokens joined by spaces, padded by a space), which also covers Thai, written without
 *       spaces between words.
 * </ul>
 *
 * <p>Optionally, Thai tokens are first split into dictionary words ({@link ThaiWords}), and each
 * word of the polarity lexicon adds a cue feature ({@link SentimentLexicon}).
 *
 * <p>All features hash (FNV-1a then a murmur finaliser) into {@code 2^bits} buckets.
 */
final class FeatureExtractor {
  /** Texts longer than this (some Thai posts run to 5,000+ characters) are cut for features. */
  static final int MAX_CHARS = 1000;

  static final String NEGATED_PREFIX = "not_";

  private static final int SEED_WORD = 0x2a1b3c4d;
  private static final int SEED_BIGRAM = 0x5e6f7081;
  private static final int SEED_CHAR = 0x11f2e3d4;
  private static final int SEED_LANG = 0x3c6ef372;

  private static final Set<String> NEGATORS =
      Set.of(
          // English
          "not",
          "no",
          "never",
          "nothing",
          "nobody",
          "none",
          "nor",
          "neither",
          "cannot",
          "cant",
          "dont",
          "wont",
          "isnt",
          "arent",
          "wasnt",
          "werent",
          "didnt",
          "doesnt",
          "couldnt",
          "shouldnt",
          "wouldnt",
          "havent",
          "hasnt",
          "hadnt",
          "aint",
          "without",
          // Spanish, Portuguese, Italian
          "nunca",
          "jamás",
          "jamas",
          "ni",
          "nada",
          "nadie",
          "tampoco",
          "não",
          "nao",
          "nem",
          "ninguém",
          "ninguem",
          "non",
          "mai",
          "niente",
          "nessuno",
          "nemmeno",
          "neanche",
          // French
          "ne",
          "pas",
          "jamais",
          "rien",
          "aucun",
          "aucune",
          "sans",
          // German
          "nicht",
          "kein",
          "keine",
          "keinen",
          "keinem",
          "keiner",
          "nie",
          "niemals",
          "nichts",
          "ohne");

  final int bits;
  final int charMin;
  final int charMax;

  /** Whether Thai tokens are split into dictionary words ({@link ThaiWords}). */
  final boolean thaiWords;

  /** Word-polarity cues, or null for none. */
  final SentimentLexicon lexicon;

  private final int mask;

  FeatureExtractor(int bits, int charMin, int charMax) {
    this(bits, charMin, charMax, false, null);
  }

  FeatureExtractor(
      int bits, int charMin, int charMax, boolean thaiWords, SentimentLexicon lexicon) {
    if (bits < 4 || bits > 26) {
      throw new IllegalArgumentException("bits out of 4..26: " + bits);
    }
    if (charMin < 1 || charMax < charMin || charMax > 8) {
      throw new IllegalArgumentException("bad char n-gram range " + charMin + ".." + charMax);
    }
    this.bits = bits;
    this.charMin = charMin;
    this.charMax = charMax;
    this.thaiWords = thaiWords;
    this.lexicon = lexicon;
    this.mask = (1 << bits) - 1;
  }

  int buckets() {
    return 1 << bits;
  }

  /** Hashed features of one text: word-block and char-block bucket lists (with repeats). */
  static final class Features {
    int[] words = new int[64];
    int wordCount;
    int[] chars = new int[512];
    int charCount;

    void addWord(int bucket) {
      if (wordCount == words.length) {
        words = Arrays.copyOf(words, wordCount * 2);
      }
      words[wordCount++] = bucket;
    }

    void addChar(int bucket) {
      if (charCount == chars.length) {
        chars = Arrays.copyOf(chars, charCount * 2);
      }
      chars[charCount++] = bucket;
    }

    float wordValue() {
      return wordCount == 0 ? 0f : (float) (1.0 / Math.sqrt(wordCount));
    }

    float charValue() {
      return charCount == 0 ? 0f : (float) (1.0 / Math.sqrt(charCount));
    }
  }

  /** Features without a language (as for {@link LanguageDetector#UNDETERMINED}). */
  Features extract(String raw) {
    return extract(raw, null);
  }

  /**
   * Features of {@code raw} written in {@code language} (ISO 639-1, or null/"und" if unknown). When
   * the language is known, every word feature also gets a language-specific copy and a per-language
   * bias feature is added ("frustratingly easy" domain adaptation, Daumé 2007): the model keeps
   * shared weights for all languages plus corrections per language, so that English "no" or "bom"
   * does not speak for Spanish or Portuguese.
   */
  Features extract(String raw, String language) {
    List<String> tokens = TextNormalizer.tokens(raw);
    return extractTokens(thaiWords ? new ThaiWords().split(tokens, MAX_CHARS) : tokens, language);
  }

  Features extractTokens(List<String> tokens) {
    return extractTokens(tokens, null);
  }

  Features extractTokens(List<String> tokens, String language) {
    Features f = new Features();
    boolean lang = language != null && !language.equals(LanguageDetector.UNDETERMINED);
    int langSeed = lang ? hash(language, SEED_LANG) : 0;
    if (lang) {
      f.addWord(finish(langSeed));
    }
    List<String> unigrams = markNegation(tokens);
    int prevHash = 0;
    StringBuilder text = new StringBuilder(128).append(' ');
    for (int t = 0; t < tokens.size(); t++) {
      String tok = tokens.get(t);
      String uni = unigrams.get(t);
      int h = hash(tok, SEED_WORD);
      int hu = uni == tok ? h : hash(uni, SEED_WORD);
      f.addWord(finish(hu));
      if (lang) {
        f.addWord(finish(hu * 0x27d4eb2d ^ langSeed));
      }
      String cue = lexicon == null ? null : lexicon.cue(tok, uni != tok);
      if (cue != null) {
        int hc = hash(cue, SEED_WORD);
        f.addWord(finish(hc));
        if (lang) {
          f.addWord(finish(hc * 0x27d4eb2d ^ langSeed));
        }
      }
      if (tok.length() > 2 && tok.charAt(0) == '#') {
        // A hashtag also counts as its bare word: #happy -> happy.
        f.addWord(finish(hash(tok.substring(1), SEED_WORD)));
      }
      if (t > 0) {
        int hb = (prevHash * 0x9E3779B1) ^ h ^ SEED_BIGRAM;
        f.addWord(finish(hb));
        if (lang) {
          f.addWord(finish(hb * 0x27d4eb2d ^ langSeed));
        }
      }
      prevHash = h;
      if (text.length() < MAX_CHARS) {
        text.append(tok).append(' ');
      }
    }
    int n = Math.min(text.length(), MAX_CHARS);
    if (n > 1) {
      for (int i = 0; i < n; i++) {
        int h = SEED_CHAR;
        for (int k = 0; k < charMax && i + k < n; k++) {
          h = (h ^ text.charAt(i + k)) * 0x01000193;
          if (k + 1 >= charMin) {
            // Skip the n-gram that is a lone space.
            if (!(k == 0 && text.charAt(i) == ' ')) {
              f.addChar(finish(h ^ (k + 1)));
            }
          }
        }
      }
    }
    return f;
  }

  /**
   * The word unigrams: each token, or {@code not_<token>} for a word in a negation scope, which
   * runs from a negator to the next punctuation token.
   */
  static List<String> markNegation(List<String> tokens) {
    String[] out = new String[tokens.size()];
    boolean negated = false;
    for (int t = 0; t < out.length; t++) {
      String tok = tokens.get(t);
      if (isScopeEnd(tok)) {
        negated = false;
      }
      out[t] = negated && isWord(tok) ? NEGATED_PREFIX + tok : tok;
      if (isNegator(tok)) {
        negated = true;
      }
    }
    return Arrays.asList(out);
  }

  static boolean isNegator(String tok) {
    return NEGATORS.contains(tok)
        || tok.endsWith("n't")
        || (tok.startsWith("n'") && tok.length() > 2);
  }

  private static boolean isScopeEnd(String tok) {
    char c = tok.charAt(0);
    return c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':' || c == '¿'
        || c == '¡' || c == '؟' || c == '،' || c == '؛' || c == '…';
  }

  private static boolean isWord(String tok) {
    return TextNormalizer.isWordChar(tok.codePointAt(0)) && !tok.startsWith("_");
  }

  private static int hash(String s, int seed) {
    int h = seed;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x01000193;
    }
    return h;
  }

  /** Murmur3 finaliser, then the bucket. */
  private int finish(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h & mask;
  }
}
