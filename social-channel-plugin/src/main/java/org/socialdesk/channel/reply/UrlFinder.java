package org.socialdesk.channel.reply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds URLs the way X's twitter-text does, approximately: {@code http(s)://} URLs, and bare
 * domains whose top-level domain is a common generic one or a country code. As in twitter-text, a
 * bare domain of one label plus a country code ({@code example.th}) counts only with a path, except
 * {@code .co} and {@code .tv} ({@code t.co}); a domain right after {@code @} (an email address),
 * {@code $}, {@code #} or an ASCII letter or digit is not a URL, while one right after Thai or CJK
 * text is. Approximations: a curated generic-TLD list instead of the full IANA list; hosts in Latin
 * or Cyrillic letters (other IDN hosts only as punycode).
 */
final class UrlFinder {

  private static final String LABEL_CHARS = "[\\p{IsLatin}\\p{IsCyrillic}0-9]";
  private static final String LABEL =
      LABEL_CHARS + "(?:[\\p{IsLatin}\\p{IsCyrillic}0-9-]*" + LABEL_CHARS + ")?";
  private static final String PATH_CHARS =
      "[\\p{IsLatin}\\p{IsCyrillic}0-9!*';:=+,.$/%#\\[\\]\\-\\u2013_~|&@()?]";

  private static final Pattern WITH_PROTOCOL =
      Pattern.compile(
          "(?<![A-Za-z0-9@＠$#＃])https?://(?:"
              + LABEL
              + "\\.)*"
              + LABEL
              + "(?::\\d{1,5})?(?:[/?#]"
              + PATH_CHARS
              + "*)?",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern BARE =
      Pattern.compile(
          "(?<![A-Za-z0-9@＠$#＃._/-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+)([a-z]{2,})(?![A-Za-z0-9-])"
              + "(?::\\d{1,5})?(/"
              + PATH_CHARS
              + "*)?",
          Pattern.CASE_INSENSITIVE);

  private static final Set<String> GENERIC_TLDS =
      Set.of(
          "com",
          "net",
          "org",
          "edu",
          "gov",
          "mil",
          "int",
          "info",
          "biz",
          "name",
          "pro",
          "mobi",
          "asia",
          "tel",
          "travel",
          "jobs",
          "aero",
          "coop",
          "museum",
          "app",
          "dev",
          "page",
          "xyz",
          "online",
          "site",
          "store",
          "shop",
          "tech",
          "blog",
          "news",
          "club",
          "top",
          "live",
          "website",
          "space",
          "fun",
          "art",
          "design",
          "cloud",
          "email",
          "link",
          "click",
          "help",
          "support",
          "services",
          "solutions",
          "agency",
          "digital",
          "media",
          "social",
          "network",
          "world",
          "today",
          "global",
          "team",
          "center",
          "company",
          "group",
          "studio",
          "academy",
          "health",
          "care",
          "bank",
          "insurance",
          "finance",
          "money",
          "pay",
          "inc",
          "llc",
          "ltd",
          "xn--p1ai");

  private static final Set<String> COUNTRY_TLDS = countryTlds();

  /** Country codes that make a URL even as a bare one-label domain without a path. */
  private static final Set<String> SPECIAL_SHORT = Set.of("co", "tv");

  private UrlFinder() {}

  /** The URLs in {@code text}, in order, not overlapping. */
  static List<TextSpan> find(String text) {
    List<TextSpan> spans = new ArrayList<>();
    Matcher withProtocol = WITH_PROTOCOL.matcher(text);
    while (withProtocol.find()) {
      spans.add(
          new TextSpan(
              withProtocol.start(), trimEnd(text, withProtocol.start(), withProtocol.end())));
    }
    Matcher bare = BARE.matcher(text);
    while (bare.find()) {
      if (!isBareUrl(bare)) {
        continue;
      }
      TextSpan span = new TextSpan(bare.start(), trimEnd(text, bare.start(), bare.end()));
      if (spans.stream().noneMatch(span::overlaps)) {
        spans.add(span);
      }
    }
    spans.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return List.copyOf(spans);
  }

  private static boolean isBareUrl(Matcher bare) {
    String tld = bare.group(2).toLowerCase(Locale.ROOT);
    if (GENERIC_TLDS.contains(tld)) {
      return true;
    }
    if (!COUNTRY_TLDS.contains(tld)) {
      return false;
    }
    boolean oneLabel = bare.group(1).indexOf('.') == bare.group(1).length() - 1;
    boolean hasPath = bare.group(3) != null;
    return hasPath || !oneLabel || SPECIAL_SHORT.contains(tld);
  }

  /**
   * Drops trailing punctuation that ends a sentence rather than the URL, and unbalanced closers.
   */
  private static int trimEnd(String text, int start, int end) {
    while (end > start) {
      char last = text.charAt(end - 1);
      if (".,:;!?'\"*".indexOf(last) >= 0) {
        end--;
      } else if (last == ')' && unbalanced(text, start, end, '(', ')')
          || last == ']' && unbalanced(text, start, end, '[', ']')) {
        end--;
      } else {
        return end;
      }
    }
    return end;
  }

  private static boolean unbalanced(String text, int start, int end, char open, char close) {
    int depth = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      depth += c == open ? 1 : c == close ? -1 : 0;
    }
    return depth < 0;
  }

  private static Set<String> countryTlds() {
    Set<String> codes = new HashSet<>();
    for (String country : Locale.getISOCountries()) {
      codes.add(country.toLowerCase(Locale.ROOT));
    }
    codes.addAll(Set.of("uk", "eu", "ac", "su"));
    return Set.copyOf(codes);
  }
}
