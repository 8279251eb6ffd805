package org.socialdesk.sentiment.language;

import com.github.pemistahl.lingua.api.Language;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Language identification for short social-media texts, restricted to a configured set of
 * languages, reporting ISO 639-1 codes ({@value #UNDETERMINED} when there is nothing to go on).
 *
 * <p>Two stages. First the writing system: Thai script is Thai, Hangul Korean, kana Japanese, Han
 * alone Chinese, Greek Greek, Hebrew Hebrew, Devanagari Hindi; in Arabic script, more Persian
 * letters (پ چ ژ گ ک ی) than Arabic-only ones (ك ي ة ى) make Persian and the reverse Arabic. A
 * non-Latin script wins over Latin when it has at least a quarter as many letters (brand names and
 * hashtags in Latin letters are common in Thai or Arabic posts). Hindi written in Latin letters
 * (common on social media, and what the Hindi training data is) is recognised by frequent Hindi
 * function words such as "hai", "nahi", "kya", "mein". Otherwise the languages of the configured
 * set written in that script are scored with Lingua's character n-gram models (the {@code
 * language-models/*} tables shipped in {@code com.github.pemistahl:lingua}: trigram
 * log-probabilities with back-off to bigrams and unigrams, which is what Lingua's own low-accuracy
 * mode scores). We read Lingua's tables into one compact hash table instead of calling Lingua's
 * detector, which handles about 10,000 tweets/s on one core: too slow for the throughput target.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LanguageDetector {
  public static final String UNDETERMINED = "und";

  /** Classpath resource listing the default languages, one ISO 639-1 code a line. */
  public static final String DEFAULT_LANGUAGES_RESOURCE = "/org/socialdesk/sentiment/languages.txt";

  /** Log-probability for an n-gram a language's tables lack at every order. */
  private static final float FLOOR = (float) Math.log(1e-6);

  private static final int MAX_CHARS = 600;

  enum Script {
    LATIN,
    ARABIC,
    CYRILLIC,
    THAI,
    DEVANAGARI,
    HANGUL,
    KANA,
    HAN,
    GREEK,
    HEBREW,
    OTHER
  }

  private final Set<String> languages;

  /** Per script: the configured languages written in it that need n-gram scoring. */
  private final Map<Script, String[]> candidates = new EnumMap<>(Script.class);

  private final Map<Script, NgramTable> tables = new EnumMap<>(Script.class);

  private LanguageDetector(Set<String> languages) {
    this.languages = Set.copyOf(languages);
    Map<Script, List<String>> byScript = new EnumMap<>(Script.class);
    for (String iso : languages) {
      Script s = scriptOf(iso);
      if (s != null) {
        byScript.computeIfAbsent(s, k -> new ArrayList<>()).add(iso);
      }
    }
    for (var e : byScript.entrySet()) {
      String[] langs = e.getValue().stream().sorted().toArray(String[]::new);
      candidates.put(e.getKey(), langs);
      if (langs.length > 1) {
        tables.put(e.getKey(), NgramTable.load(langs));
      }
    }
  }

  /**
   * A detector for the given ISO 639-1 codes (e.g. "en", "th", "fa"); each must be a language
   * Lingua knows.
   *
   * @throws IllegalArgumentException for an unknown code
   */
  public static LanguageDetector forLanguages(Collection<String> isoCodes) {
    Set<String> set = new LinkedHashSet<>();
    for (String code : isoCodes) {
      String iso = code.strip().toLowerCase(Locale.ROOT);
      linguaLanguage(iso); // validates
      set.add(iso);
    }
    if (set.isEmpty()) {
      throw new IllegalArgumentException("no language configured");
    }
    return new LanguageDetector(set);
  }

  /**
   * A new detector for the languages listed in {@value #DEFAULT_LANGUAGES_RESOURCE}. It takes a
   * moment and about 10 MB to build: callers keep the one they made (nothing is cached here, so
   * that a plugin's detector goes away with the plugin).
   */
  public static LanguageDetector forDefaultLanguages() {
    return forLanguages(defaultLanguages());
  }

  /** The ISO 639-1 codes of {@value #DEFAULT_LANGUAGES_RESOURCE} (# starts a comment). */
  public static List<String> defaultLanguages() {
    try (InputStream in = LanguageDetector.class.getResourceAsStream(DEFAULT_LANGUAGES_RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + DEFAULT_LANGUAGES_RESOURCE + " not on the classpath");
      }
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String code = line.replaceAll("#.*", "").strip();
        if (!code.isEmpty()) {
          out.add(code);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The configured ISO 639-1 codes. */
  public Set<String> languages() {
    return languages;
  }

  /** The ISO 639-1 code of the language of {@code text}, or {@value #UNDETERMINED}. */
  public String detect(String text) {
    int[] counts = new int[Script.values().length];
    int n = Math.min(text.length(), MAX_CHARS);
    int persianLetters = 0;
    int arabicLetters = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
          counts[Script.LATIN.ordinal()]++;
        }
        continue;
      }
      if (!Character.isLetter(c)) {
        continue;
      }
      Script s = scriptOfChar(c);
      counts[s.ordinal()]++;
      if (c == '\u067E'
          || c == '\u0686'
          || c == '\u0698'
          || c == '\u06AF'
          || c == '\u06A9'
          || c == '\u06CC') {
        persianLetters++; // پ چ ژ گ and the Persian forms of kaf and yeh: ک ی
      } else if (c == '\u0643' || c == '\u064A' || c == '\u0629' || c == '\u0649') {
        arabicLetters++; // the Arabic forms ك ي, and ة ى, rare in Persian
      }
    }
    Script best = null;
    int bestCount = 0;
    for (Script s : Script.values()) {
      if (s != Script.OTHER && counts[s.ordinal()] > bestCount) {
        bestCount = counts[s.ordinal()];
        best = s;
      }
    }
    if (best == null) {
      return UNDETERMINED;
    }
    if (best == Script.LATIN) {
      // Posts in Thai, Arabic, ... often quote brand names or hashtags in Latin letters.
      int latin = bestCount;
      for (Script s : Script.values()) {
        int c = counts[s.ordinal()];
        if (s != Script.LATIN
            && s != Script.OTHER
            && c >= 3
            && c * 4 >= latin
            && (best == Script.LATIN || c > counts[best.ordinal()])) {
          best = s;
        }
      }
    }
    if ((best == Script.HAN || best == Script.KANA)
        && counts[Script.KANA.ordinal()] > 0
        && languages.contains("ja")) {
      return "ja";
    }
    if (best == Script.ARABIC
        && languages.contains("fa")
        && languages.contains("ar")
        && !languages.contains("ur")
        && persianLetters != arabicLetters) {
      return persianLetters > arabicLetters ? "fa" : "ar";
    }
    if (best == Script.LATIN && languages.contains("hi") && isRomanisedHindi(text, n)) {
      return "hi";
    }
    String[] langs = candidates.get(best);
    if (langs == null) {
      return UNDETERMINED;
    }
    if (langs.length == 1) {
      return langs[0];
    }
    return tables.get(best).best(text, n);
  }

  /**
   * Common words of Hindi written in Latin letters (Hinglish), chosen not to be English words; a
   * Latin-script text where at least two different ones make up a sixth of the words is Hindi.
   */
  private static final Set<String> HINGLISH =
      Set.of(
          "hai", "hain", "nahi", "nahin", "nai", "kya", "kyun", "kyu", "kyon", "ki", "ke", "ka",
          "ko", "mein", "bhi", "aur", "yeh", "woh", "tha", "thi", "karo", "karna", "karne", "raha",
          "rahe", "rahi", "gaya", "gayi", "hua", "hui", "bhai", "ji", "sab", "kuch", "koi", "tum",
          "aap", "hum", "mera", "meri", "mere", "tera", "teri", "apna", "apni", "abhi", "bahut",
          "bohot", "acha", "accha", "achha", "kaise", "kaisa", "kahan", "lekin", "agar", "toh",
          "phir", "wala", "wali", "wale", "yaar", "matlab", "sirf", "chahiye", "diya", "liya",
          "kiya", "hota", "hoga", "saath", "jab", "tab", "hamara", "hamare", "tumhara", "unka",
          "iska", "uska", "isko", "usko", "kar", "se", "pe", "ho", "ye", "wo", "hi", "na", "ek",
          "jo");

  private static boolean isRomanisedHindi(String text, int n) {
    int words = 0;
    int hits = 0;
    Set<String> distinct = new java.util.HashSet<>();
    int start = -1;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? text.charAt(i) : ' ';
      boolean letter = c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
      if (letter) {
        if (start < 0) {
          start = i;
        }
        continue;
      }
      if (start >= 0) {
        if (start == 0 || text.charAt(start - 1) != '@' && text.charAt(start - 1) != '#') {
          words++;
          String w = text.substring(start, i).toLowerCase(Locale.ROOT);
          if (HINGLISH.contains(w)) {
            hits++;
            distinct.add(w);
          }
        }
        start = -1;
      }
    }
    return distinct.size() >= 2 && hits * 6 >= words;
  }

  static Script scriptOfChar(char c) {
    if (c < 0x0250 || (c >= 0x1E00 && c <= 0x1EFF)) {
      return Script.LATIN;
    }
    if ((c >= 0x0600 && c <= 0x06FF)
        || (c >= 0x0750 && c <= 0x077F)
        || (c >= 0xFB50 && c <= 0xFDFF)
        || (c >= 0xFE70 && c <= 0xFEFF)) {
      return Script.ARABIC;
    }
    if (c >= 0x0E00 && c <= 0x0E7F) {
      return Script.THAI;
    }
    if (c >= 0x0400 && c <= 0x04FF) {
      return Script.CYRILLIC;
    }
    if (c >= 0x0900 && c <= 0x097F) {
      return Script.DEVANAGARI;
    }
    if ((c >= 0xAC00 && c <= 0xD7AF)
        || (c >= 0x1100 && c <= 0x11FF)
        || (c >= 0x3130 && c <= 0x318F)) {
      return Script.HANGUL;
    }
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF)) {
      return Script.KANA;
    }
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) {
      return Script.HAN;
    }
    if (c >= 0x0370 && c <= 0x03FF) {
      return Script.GREEK;
    }
    if (c >= 0x0590 && c <= 0x05FF) {
      return Script.HEBREW;
    }
    return Script.OTHER;
  }

  /** The script a language is written in here, or null if this detector cannot tell it. */
  static Script scriptOf(String iso) {
    return switch (iso) {
      case "th" -> Script.THAI;
      case "ar", "fa", "ur" -> Script.ARABIC;
      case "hi", "mr" -> Script.DEVANAGARI;
      case "ko" -> Script.HANGUL;
      case "ja" -> Script.KANA;
      case "zh" -> Script.HAN;
      case "el" -> Script.GREEK;
      case "he" -> Script.HEBREW;
      case "ru", "uk", "bg", "be", "sr", "mk", "kk", "mn" -> Script.CYRILLIC;
      default -> Script.LATIN;
    };
  }

  static Language linguaLanguage(String iso) {
    for (Language l : Language.values()) {
      if (l != Language.UNKNOWN && l.getIsoCode639_1().toString().equalsIgnoreCase(iso)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown ISO 639-1 language code: " + iso);
  }

  /**
   * Lingua's n-gram log-probabilities of several languages in one open-addressing table, keyed by
   * the n-gram's chars packed into a long.
   */
  static final class NgramTable {
    private final String[] langs;
    private final int nLangs;
    private long[] keys;
    private float[] logp;
    private int size;
    private int mask;

    private NgramTable(String[] langs) {
      this.langs = langs;
      this.nLangs = langs.length;
      int cap = 1 << 16;
      keys = new long[cap];
      logp = new float[cap * nLangs];
      mask = cap - 1;
    }

    static NgramTable load(String[] langs) {
      NgramTable t = new NgramTable(langs);
      for (int l = 0; l < langs.length; l++) {
        for (String order : new String[] {"unigrams", "bigrams", "trigrams"}) {
          t.read(l, "/language-models/" + langs[l] + "/" + order + ".json");
        }
      }
      return t;
    }

    /** Reads Lingua's {"language":..,"ngrams":{"num/den":"ng ng ..",..}} file. */
    private void read(int lang, String resource) {
      try (InputStream in = Language.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("Lingua model " + resource + " not found");
        }
        String json;
        try (BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          StringBuilder b = new StringBuilder();
          char[] buf = new char[1 << 14];
          for (int k; (k = r.read(buf)) > 0; ) {
            b.append(buf, 0, k);
          }
          json = b.toString();
        }
        int i = json.indexOf("\"ngrams\"");
        i = json.indexOf('{', i) + 1;
        while (true) {
          int q1 = json.indexOf('"', i);
          if (q1 < 0) {
            break;
          }
          int q2 = json.indexOf('"', q1 + 1);
          String fraction = json.substring(q1 + 1, q2);
          int q3 = json.indexOf('"', q2 + 1);
          int q4 = json.indexOf('"', q3 + 1);
          int slash = fraction.indexOf('/');
          float lp =
              (float)
                  Math.log(
                      Double.parseDouble(fraction.substring(0, slash))
                          / Double.parseDouble(fraction.substring(slash + 1)));
          int s = q3 + 1;
          while (s < q4) {
            int e = json.indexOf(' ', s);
            if (e < 0 || e > q4) {
              e = q4;
            }
            if (e - s <= 3) {
              put(pack(json, s, e), lang, lp);
            }
            s = e + 1;
          }
          i = q4 + 1;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static long pack(CharSequence s, int from, int to) {
      long k = to - from;
      for (int i = from; i < to; i++) {
        k = (k << 16) | s.charAt(i);
      }
      return k;
    }

    private int slot(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      int i = (int) (h >>> 40) & mask;
      while (keys[i] != 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      return i;
    }

    private void put(long key, int lang, float lp) {
      if ((size + 1) * 2 > keys.length) {
        grow();
      }
      int i = slot(key);
      if (keys[i] == 0) {
        keys[i] = key;
        size++;
        for (int l = 0; l < nLangs; l++) {
          logp[i * nLangs + l] = Float.NaN;
        }
      }
      logp[i * nLangs + lang] = lp;
    }

    private void grow() {
      long[] oldKeys = keys;
      float[] oldP = logp;
      keys = new long[oldKeys.length * 2];
      logp = new float[keys.length * nLangs];
      mask = keys.length - 1;
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldKeys[j] != 0) {
          int i = slot(oldKeys[j]);
          keys[i] = oldKeys[j];
          System.arraycopy(oldP, j * nLangs, logp, i * nLangs, nLangs);
        }
      }
    }

    /** Index of the n-gram's row, or -1. */
    private int find(long key) {
      int i = slot(key);
      return keys[i] == 0 ? -1 : i;
    }

    /** Scores every trigram (bigram, unigram for short words) of the lower-cased letters. */
    String best(String text, int n) {
      double[] score = new double[nLangs];
      char[] word = new char[64];
      int len = 0;
      for (int i = 0; i <= n; i++) {
        char c = i < n ? text.charAt(i) : ' ';
        if (Character.isLetter(c) && len < word.length) {
          word[len++] = Character.toLowerCase(c);
          continue;
        }
        if (len > 0) {
          scoreWord(word, len, score);
          len = 0;
        }
      }
      int best = 0;
      for (int l = 1; l < nLangs; l++) {
        if (score[l] > score[best]) {
          best = l;
        }
      }
      return langs[best];
    }

    private void scoreWord(char[] w, int len, double[] score) {
      String s = new String(w, 0, len);
      int order = Math.min(3, len);
      for (int i = 0; i + order <= len; i++) {
        int row3 = find(pack(s, i, i + order));
        int row2 = order > 2 ? find(pack(s, i, i + 2)) : -1;
        int row1 = find(pack(s, i, i + 1));
        for (int l = 0; l < nLangs; l++) {
          float v = row3 >= 0 ? logp[row3 * nLangs + l] : Float.NaN;
          if (Float.isNaN(v) && row2 >= 0) {
            v = logp[row2 * nLangs + l] + FLOOR / 2;
          }
          if (Float.isNaN(v) && row1 >= 0) {
            v = logp[row1 * nLangs + l] + FLOOR;
          }
          if (Float.isNaN(v)) {
            v = 2 * FLOOR;
          }
          score[l] += v;
        }
      }
    }
  }
}
