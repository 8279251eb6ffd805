package org.socialdesk.channel.reply;

import java.io.Serial;
import java.lang.Character.UnicodeScript;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.socialdesk.api.channel.TextLimit;

/**
 * Splits a reply that is too long into a numbered thread. Each part starts with its number, {@code
 * "1/3 "}, and measures, numbering included, at most {@code maxLength} by the network's {@link
 * TextLimit}. A text that fits is returned unchanged, unnumbered.
 *
 * <p>Each part is filled greedily. It ends at the last sentence boundary that fits if that fills at
 * least half the limit; else at the last space if that fills a third (in Thai, spaces separate
 * phrases); else at the last space or dictionary word boundary of {@link
 * BreakIterator#getWordInstance(Locale)} (Thai words, which have no spaces between them); a word
 * too long for a part of its own is cut at grapheme-cluster boundaries. No cut ever falls inside a
 * URL, a grapheme cluster (so no emoji sequence) or the signature, which stays on the last part
 * together with the word before it. The same input always gives the same parts.
 */
final class ReplySplitter {

  private static final int SENTENCE = 0;
  private static final int SPACE = 1;
  private static final int WORD = 2;
  private static final int GRAPHEME = 3;

  private final TextLimit limit;
  private final int maxLength;
  private final Locale locale;

  ReplySplitter(TextLimit limit, int maxLength, Locale locale) {
    this.limit = Objects.requireNonNull(limit, "limit");
    this.maxLength = maxLength;
    this.locale = Objects.requireNonNull(locale, "locale");
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be positive, got " + maxLength);
    }
  }

  /** The locale whose word rules fit a reply: its language if known, Thai for Thai text. */
  static Locale localeFor(String language, String text) {
    if (language != null && !language.isBlank()) {
      return Locale.forLanguageTag(language);
    }
    boolean thai = text.codePoints().anyMatch(c -> UnicodeScript.of(c) == UnicodeScript.THAI);
    return thai ? Locale.forLanguageTag("th") : Locale.ROOT;
  }

  List<String> split(String text) {
    return split(text, "");
  }

  /**
   * The parts of {@code body} followed by {@code signature} (which goes on the last part only).
   *
   * @throws Unsplittable if a URL or the signature alone is longer than a part may be
   */
  List<String> split(String body, String signature) {
    String text = signature.isEmpty() ? body : body.stripTrailing() + signature;
    if (limit.length(text) <= maxLength) {
      return List.of(text);
    }
    List<TextSpan> kept = new ArrayList<>(UrlFinder.find(text));
    if (!signature.isEmpty()) {
      kept.add(signatureSpan(text, text.length() - signature.length()));
    }
    int[] levels = levels(text, kept);
    for (int digits = 1; digits <= 3; digits++) {
      String widest = numbering(digits);
      List<String> chunks = pack(text, levels, widest);
      if (String.valueOf(chunks.size()).length() <= digits) {
        return numbered(chunks);
      }
    }
    throw new Unsplittable("the reply would need more than 999 posts");
  }

  /** The signature with the word before it, if that fits a part of its own; else the signature. */
  private TextSpan signatureSpan(String text, int signatureStart) {
    int wordStart = signatureStart;
    while (wordStart > 0 && !isSpace(text.charAt(wordStart - 1))) {
      wordStart--;
    }
    boolean fits = fits(numbering(2) + text.substring(wordStart).strip());
    return new TextSpan(fits ? wordStart : signatureStart, text.length());
  }

  private List<String> pack(String text, int[] levels, String widestNumbering) {
    List<String> chunks = new ArrayList<>();
    int start = skipSpace(text, 0);
    while (start < text.length()) {
      String rest = text.substring(start).strip();
      if (fits(widestNumbering + rest)) {
        chunks.add(rest);
        break;
      }
      int cut = chooseCut(text, levels, start, widestNumbering);
      chunks.add(text.substring(start, cut).strip());
      start = skipSpace(text, cut);
    }
    return chunks;
  }

  private int chooseCut(String text, int[] levels, int start, String numbering) {
    int[] best = {-1, -1, -1, -1};
    int sentenceFill = 0;
    int spaceFill = 0;
    int stoppedAt = text.length();
    for (int b = start + 1; b < text.length(); b++) {
      if (levels[b] < 0) {
        continue;
      }
      String chunk = text.substring(start, b).strip();
      if (chunk.isEmpty()) {
        continue;
      }
      int length = limit.length(numbering + chunk);
      if (length > maxLength) {
        stoppedAt = b;
        break;
      }
      for (int level = levels[b]; level <= GRAPHEME; level++) {
        best[level] = b;
      }
      sentenceFill = levels[b] == SENTENCE ? length : sentenceFill;
      spaceFill = levels[b] <= SPACE ? length : spaceFill;
    }
    if (best[GRAPHEME] < 0) {
      throw new Unsplittable(
          "the text at «"
              + preview(text, start)
              + "» cannot be cut within "
              + maxLength
              + " without breaking a URL, an emoji or the signature");
    }
    if (best[SENTENCE] >= 0 && sentenceFill * 2 >= maxLength) {
      return best[SENTENCE];
    }
    if (best[SPACE] >= 0 && spaceFill * 3 >= maxLength) {
      return best[SPACE];
    }
    int wordCut = Math.max(best[SPACE], best[WORD]);
    if (wordCut < 0 || !nextWordFitsAlone(text, levels, wordCut, stoppedAt, numbering)) {
      return best[GRAPHEME];
    }
    return wordCut;
  }

  /**
   * Whether the word that begins at {@code cut} fits a part of its own; if not, cut inside it now.
   */
  private boolean nextWordFitsAlone(
      String text, int[] levels, int cut, int from, String numbering) {
    int end = from;
    while (end < text.length() && (levels[end] < 0 || levels[end] > WORD)) {
      end++;
    }
    return fits(numbering + text.substring(cut, end).strip());
  }

  /**
   * For each index, the best kind of cut allowed there (lower is better), or -1 where no cut may
   * fall: inside a grapheme cluster or a kept span (URL, signature).
   */
  private int[] levels(String text, List<TextSpan> kept) {
    int[] levels = new int[text.length() + 1];
    Arrays.fill(levels, -1);
    BreakIterator graphemes = BreakIterator.getCharacterInstance(locale);
    graphemes.setText(text);
    for (int b = graphemes.first(); b != BreakIterator.DONE; b = graphemes.next()) {
      levels[b] = GRAPHEME;
    }
    BreakIterator words = BreakIterator.getWordInstance(locale);
    words.setText(text);
    for (int b = words.first(); b != BreakIterator.DONE; b = words.next()) {
      if (levels[b] == GRAPHEME
          && b > 0
          && b < text.length()
          && isWordChar(text.codePointBefore(b))
          && isWordChar(text.codePointAt(b))) {
        levels[b] = WORD;
      }
    }
    for (int b = 1; b < text.length(); b++) {
      if (levels[b] >= 0 && (isSpace(text.charAt(b - 1)) || isSpace(text.charAt(b)))) {
        levels[b] = SPACE;
      }
    }
    BreakIterator sentences = BreakIterator.getSentenceInstance(locale);
    sentences.setText(text);
    for (int b = sentences.first(); b != BreakIterator.DONE; b = sentences.next()) {
      if (levels[b] >= 0) {
        levels[b] = SENTENCE;
      }
    }
    for (TextSpan span : kept) {
      for (int b = span.start() + 1; b < span.end(); b++) {
        levels[b] = -1;
      }
    }
    levels[0] = -1;
    levels[text.length()] = -1;
    return levels;
  }

  private boolean fits(String part) {
    return limit.length(part) <= maxLength;
  }

  private List<String> numbered(List<String> chunks) {
    List<String> parts = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      String part = (i + 1) + "/" + chunks.size() + " " + chunks.get(i);
      if (!fits(part)) {
        throw new Unsplittable(
            "part " + (i + 1) + " measures " + limit.length(part) + ", over " + maxLength);
      }
      parts.add(part);
    }
    return List.copyOf(parts);
  }

  private static String numbering(int digits) {
    String nines = "9".repeat(digits);
    return nines + "/" + nines + " ";
  }

  private static int skipSpace(String text, int from) {
    int i = from;
    while (i < text.length() && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u200B';
  }

  private static boolean isWordChar(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isLetterOrDigit(codePoint)
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static String preview(String text, int start) {
    int end =
        Math.min(
            text.length(),
            text.offsetByCodePoints(
                start, Math.min(20, text.codePointCount(start, text.length()))));
    return text.substring(start, end) + (end < text.length() ? "…" : "");
  }

  /** A reply that cannot be split within the limit: a URL or the signature alone is too long. */
  static final class Unsplittable extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    Unsplittable(String message) {
      super(message);
    }
  }
}
