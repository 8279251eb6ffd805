package org.socialdesk.sentiment.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Normalisation of social-media text into tokens.
 *
 * <p>In order: literal {@code \\uXXXX} escapes are decoded, HTML entities ({@code &amp;} …) and
 * CSV-doubled quotes are undone, Arabic presentation forms are folded (NFKC), text is lower-cased,
 * URLs become {@value #URL} and @mentions {@value #USER}, emoticons become {@value #EMO_POS} /
 * {@value #EMO_NEG}, each emoji is its own token (followed by {@value #EMO_POS}/{@value #EMO_NEG}
 * when its polarity is well known), runs of three or more equal characters are cut to two ("soooo"
 * → "soo", "!!!!" → "!!", "55555" → "55"), Arabic diacritics and tatweel are dropped. The
 * zero-width non-joiner (U+200C), part of Persian spelling, is kept inside words.
 */
final class TextNormalizer {
  static final String URL = "_url_";
  static final String USER = "_user_";
  static final String EMO_POS = "_emopos_";
  static final String EMO_NEG = "_emoneg_";

  private static final char ZWNJ = '\u200C';
  private static final char ZWJ = '\u200D';

  private static final Map<String, String> EMOTICONS =
      Map.ofEntries(
          Map.entry(":)", EMO_POS),
          Map.entry(":-)", EMO_POS),
          Map.entry(":))", EMO_POS),
          Map.entry(":d", EMO_POS),
          Map.entry(":-d", EMO_POS),
          Map.entry(";)", EMO_POS),
          Map.entry(";-)", EMO_POS),
          Map.entry("=)", EMO_POS),
          Map.entry("(:", EMO_POS),
          Map.entry(":p", EMO_POS),
          Map.entry(":-p", EMO_POS),
          Map.entry("xd", EMO_POS),
          Map.entry("<3", EMO_POS),
          Map.entry("^^", EMO_POS),
          Map.entry("^_^", EMO_POS),
          Map.entry(":]", EMO_POS),
          Map.entry("=d", EMO_POS),
          Map.entry(":*", EMO_POS),
          Map.entry(":(", EMO_NEG),
          Map.entry(":-(", EMO_NEG),
          Map.entry(":((", EMO_NEG),
          Map.entry(":'(", EMO_NEG),
          Map.entry("):", EMO_NEG),
          Map.entry("d:", EMO_NEG),
          Map.entry(":/", EMO_NEG),
          Map.entry(":-/", EMO_NEG),
          Map.entry(":|", EMO_NEG),
          Map.entry("=(", EMO_NEG),
          Map.entry(":[", EMO_NEG),
          Map.entry("</3", EMO_NEG),
          Map.entry(":@", EMO_NEG),
          Map.entry("-_-", EMO_NEG),
          Map.entry(">:(", EMO_NEG));

  private static final Set<Integer> POSITIVE_EMOJI =
      codePoints(
          "😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙😚🙂🤗🤩👍👏🙌💪✌👌❤💕💖💗💙💚💛💜🧡💞💓💘💝😻🎉🎊✨🌹🌸💐🥳😇☺♥💯😸😹😺🤭🥂🏆⭐🌟☀🌈🆒👑💋🤤");
  private static final Set<Integer> NEGATIVE_EMOJI =
      codePoints(
          "😞😟😠😡🤬😢😭😤😩😫😖😣😒🙄😔😕🙁☹💔👎😱😨😰😓🤮🤢😷😾😿💩🖕😑😪🥺😬🤦😧😦😥🤧😵🤯👿💀☠😐");

  private TextNormalizer() {}

  private static Set<Integer> codePoints(String s) {
    Set<Integer> set = new java.util.HashSet<>();
    s.codePoints().forEach(set::add);
    return Set.copyOf(set);
  }

  /** Tokens of {@code raw} after normalisation (see the class comment). */
  static List<String> tokens(String raw) {
    List<String> out = new ArrayList<>();
    tokenize(clean(raw), out);
    return out;
  }

  /** The normalised text: its tokens joined by single spaces. */
  static String normalize(String raw) {
    return String.join(" ", tokens(raw));
  }

  /** Escape decoding, entity unescaping, quote undoubling and presentation-form folding. */
  static String clean(String raw) {
    String s = decodeUnicodeEscapes(raw);
    s = unescapeHtml(s);
    if (s.indexOf("\"\"") >= 0) {
      s = s.replace("\"\"", "\"");
    }
    if (needsNfkc(s)) {
      s = Normalizer.normalize(s, Normalizer.Form.NFKC);
    }
    return s;
  }

  /** Decodes literal {@code \\uXXXX} sequences (as left in TweetEval / SemEval text). */
  static String decodeUnicodeEscapes(String s) {
    int i = s.indexOf("\\u");
    if (i < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int from = 0;
    while (i >= 0) {
      if (i + 6 <= s.length() && isHex(s, i + 2, i + 6)) {
        b.append(s, from, i).append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        from = i + 6;
        i = s.indexOf("\\u", from);
      } else {
        i = s.indexOf("\\u", i + 2);
      }
    }
    return b.append(s, from, s.length()).toString();
  }

  private static boolean isHex(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (Character.digit(s.charAt(k), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Undoes the HTML entities found in tweets ({@code &amp;amp;} twice-escaped too). */
  static String unescapeHtml(String s) {
    for (int round = 0; round < 2 && s.indexOf('&') >= 0; round++) {
      StringBuilder b = new StringBuilder(s.length());
      int n = s.length();
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c == '&') {
          int semi = s.indexOf(';', i + 1);
          if (semi > i + 1 && semi - i <= 10) {
            String entity = s.substring(i + 1, semi);
            int decoded = decodeEntity(entity);
            if (decoded >= 0) {
              b.appendCodePoint(decoded);
              i = semi;
              changed = true;
              continue;
            }
          }
        }
        b.append(c);
      }
      if (!changed) {
        break;
      }
      s = b.toString();
    }
    return s;
  }

  private static int decodeEntity(String e) {
    switch (e.toLowerCase(java.util.Locale.ROOT)) {
      case "amp":
        return '&';
      case "lt":
        return '<';
      case "gt":
        return '>';
      case "quot":
        return '"';
      case "apos":
        return '\'';
      case "nbsp":
        return ' ';
      default:
        break;
    }
    try {
      if (e.startsWith("#x") || e.startsWith("#X")) {
        return Integer.parseInt(e.substring(2), 16);
      }
      if (e.startsWith("#")) {
        return Integer.parseInt(e.substring(1));
      }
    } catch (NumberFormatException ignored) {
      return -1;
    }
    return -1;
  }

  private static boolean needsNfkc(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= '\uFB50' && c <= '\uFDFF')
          || (c >= '\uFE70' && c <= '\uFEFF')
          || (c >= '\uFF01' && c <= '\uFF5E')) {
        return true;
      }
    }
    return false;
  }

  /** Splits cleaned text into normalised tokens appended to {@code out}. */
  static void tokenize(String s, List<String> out) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        chunk(s.substring(start, i), out);
      }
    }
  }

  private static boolean isSpace(char c) {
    return c == ' '
        || c == '\t'
        || c == '\n'
        || c == '\r'
        || c == '\u00A0'
        || c == '\u2009'
        || c == '\u3000'
        || c == '\u202F';
  }

  /**
   * One whitespace-free chunk: URL, mention, emoticon, or a mix of words, emoji and punctuation.
   */
  private static void chunk(String chunk, List<String> out) {
    String lower = chunk.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("http") || lower.startsWith("www.")) {
      out.add(URL);
      return;
    }
    String emoticon = EMOTICONS.get(lower);
    if (emoticon != null) {
      out.add(emoticon);
      return;
    }
    int n = lower.length();
    int i = 0;
    while (i < n) {
      int cp = lower.codePointAt(i);
      int len = Character.charCount(cp);
      if (isIgnorable(cp)) {
        i += len;
        continue;
      }
      if (cp == '@' && i + 1 < n && isWordChar(lower.codePointAt(i + 1))) {
        i++;
        while (i < n && isWordChar(lower.codePointAt(i))) {
          i += Character.charCount(lower.codePointAt(i));
        }
        out.add(USER);
        continue;
      }
      // Emoticons glued to a word, e.g. "great:)" or "sad:(".
      if (cp == ':' || cp == ';' || cp == '=' || cp == '<') {
        String emo = emoticonAt(lower, i);
        if (emo != null) {
          out.add(EMOTICONS.get(emo));
          i += emo.length();
          continue;
        }
      }
      if (isWordChar(cp) || (cp == '#' && i + 1 < n && isWordChar(lower.codePointAt(i + 1)))) {
        int start = i;
        i += len;
        while (i < n) {
          int c = lower.codePointAt(i);
          if (isWordChar(c) || isInnerApostrophe(lower, i, c)) {
            i += Character.charCount(c);
          } else {
            break;
          }
        }
        String word = squeeze(lower.substring(start, i));
        if (!word.isEmpty()) {
          out.add(word);
        }
        continue;
      }
      if (isEmoji(cp)) {
        out.add(new String(Character.toChars(cp)));
        if (POSITIVE_EMOJI.contains(cp)) {
          out.add(EMO_POS);
        } else if (NEGATIVE_EMOJI.contains(cp)) {
          out.add(EMO_NEG);
        }
        i += len;
        // Repeated emoji collapse to two like other elongations.
        int repeats = 1;
        while (i < n && lower.codePointAt(i) == cp) {
          if (++repeats == 2) {
            out.add(out.get(out.size() - (out.get(out.size() - 1).startsWith("_emo") ? 2 : 1)));
          }
          i += len;
        }
        continue;
      }
      // Punctuation or other symbol: a run of the same character, cut to two.
      int start = i;
      i += len;
      int run = 1;
      while (i < n && lower.codePointAt(i) == cp) {
        i += len;
        run++;
      }
      String p = new String(Character.toChars(cp));
      out.add(run >= 2 ? p + p : p);
    }
  }

  private static String emoticonAt(String s, int i) {
    for (int len = 3; len >= 2; len--) {
      if (i + len <= s.length()) {
        String cand = s.substring(i, i + len);
        if (EMOTICONS.containsKey(cand)) {
          return cand;
        }
      }
    }
    return null;
  }

  private static boolean isInnerApostrophe(String s, int i, int c) {
    return (c == '\'' || c == '\u2019')
        && i + 1 < s.length()
        && Character.isLetter(s.charAt(i + 1));
  }

  /** Letters, digits, combining marks, the ZWNJ and the underscore form words. */
  static boolean isWordChar(int cp) {
    if (cp == ZWNJ || cp == '_') {
      return true;
    }
    int type = Character.getType(cp);
    return Character.isLetterOrDigit(cp)
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static boolean isEmoji(int cp) {
    return Character.getType(cp) == Character.OTHER_SYMBOL && cp >= 0x2190;
  }

  private static boolean isIgnorable(int cp) {
    return cp == ZWJ
        || cp == 0xFE0F
        || cp == 0xFE0E
        || (cp >= 0x1F3FB && cp <= 0x1F3FF)
        || Character.getType(cp) == Character.FORMAT && cp != ZWNJ
        || Character.isISOControl(cp);
  }

  /**
   * Word-internal clean-up: curly apostrophe to straight, Arabic tatweel and diacritics dropped,
   * and runs of 3+ equal characters cut to 2.
   */
  static String squeeze(String w) {
    StringBuilder b = null;
    int n = w.length();
    int prev = -1;
    int run = 0;
    for (int i = 0; i < n; ) {
      int cp = w.codePointAt(i);
      int len = Character.charCount(cp);
      boolean drop = cp == 0x0640 || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670;
      if (cp == '\u2019') {
        cp = '\'';
      }
      if (!drop) {
        run = cp == prev ? run + 1 : 1;
        prev = cp;
        drop = run > 2;
      }
      if (drop || cp != w.codePointAt(i)) {
        if (b == null) {
          b = new StringBuilder(n).append(w, 0, i);
        }
        if (!drop) {
          b.appendCodePoint(cp);
        }
      } else if (b != null) {
        b.appendCodePoint(cp);
      }
      i += len;
    }
    return b == null ? w : b.toString();
  }
}
