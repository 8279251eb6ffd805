package org.socialdesk.channel.reply;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.social.Visibility;

/**
 * X's weighted length, after twitter-text's configuration v3: the text is NFC-normalised; a URL
 * counts {@value #URL_LENGTH} whatever its length; an emoji sequence (ZWJ sequence, skin tone,
 * flag, keycap) counts 2 as one unit; any other code point counts 1 in the ranges U+0000-U+10FF
 * (Latin, Cyrillic, Arabic, Persian, Hebrew, Thai, ...), U+2000-U+200D, U+2010-U+201F and
 * U+2032-U+2037, and 2 elsewhere (CJK, most symbols). A public post may weigh {@value #PUBLIC_MAX};
 * a direct message {@value #PRIVATE_MAX} (measured the same way, which is stricter than X for long
 * URLs).
 *
 * <p>Approximations, documented in {@code docs/reply-checks.md}: URLs as {@link UrlFinder} finds
 * them; emoji as grapheme clusters that Java's emoji properties mark as emoji; a non-emoji code
 * point above U+FFFF counts 2 (twitter-text's JavaScript counts it per UTF-16 unit).
 */
public final class XTextLength implements TextLimit {

  public static final int PUBLIC_MAX = 280;
  public static final int PRIVATE_MAX = 10_000;
  public static final int URL_LENGTH = 23;

  private static final int EMOJI_WEIGHT = 2;
  private static final int DEFAULT_WEIGHT = 2;
  private static final int[][] LIGHT_RANGES = {{0, 4351}, {8192, 8205}, {8208, 8223}, {8242, 8247}};

  @Override
  public int length(String text) {
    String normalised = Normalizer.normalize(text, Normalizer.Form.NFC);
    List<TextSpan> urls = UrlFinder.find(normalised);
    BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
    clusters.setText(normalised);
    int weight = 0;
    int nextUrl = 0;
    int position = 0;
    while (position < normalised.length()) {
      if (nextUrl < urls.size() && urls.get(nextUrl).start() == position) {
        weight += URL_LENGTH;
        position = urls.get(nextUrl++).end();
        continue;
      }
      int urlStart = nextUrl < urls.size() ? urls.get(nextUrl).start() : normalised.length();
      int end = Math.min(clusters.following(position), urlStart);
      weight += clusterWeight(normalised.substring(position, end));
      position = end;
    }
    return weight;
  }

  @Override
  public int maxLength(Visibility visibility) {
    return visibility == Visibility.PUBLIC ? PUBLIC_MAX : PRIVATE_MAX;
  }

  private static int clusterWeight(String cluster) {
    if (isEmoji(cluster)) {
      return EMOJI_WEIGHT;
    }
    return cluster.codePoints().map(XTextLength::codePointWeight).sum();
  }

  static int codePointWeight(int codePoint) {
    for (int[] range : LIGHT_RANGES) {
      if (codePoint >= range[0] && codePoint <= range[1]) {
        return 1;
      }
    }
    return DEFAULT_WEIGHT;
  }

  /** Whether a grapheme cluster is one emoji (possibly a sequence) that X counts as a unit. */
  static boolean isEmoji(String cluster) {
    int first = cluster.codePointAt(0);
    if (isRegionalIndicator(first) || Character.isEmojiPresentation(first)) {
      return true;
    }
    if (!Character.isEmoji(first)) {
      return false;
    }
    return cluster.indexOf('\uFE0F') >= 0
        || cluster.indexOf('\u20E3') >= 0
        || cluster.indexOf('\u200D') >= 0
        || cluster.codePoints().anyMatch(Character::isEmojiModifier);
  }

  private static boolean isRegionalIndicator(int codePoint) {
    return codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF;
  }
}
