package org.socialdesk.channel.mastodon;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.social.Visibility;

/**
 * A status's length as Mastodon counts it, in code points: an {@code http(s)://} URL counts {@value
 * #URL_LENGTH} whatever its length, a mention {@code @user@domain} counts as {@code @user} (the
 * domain is free), everything else one per code point. Public and direct statuses share the
 * instance's limit ({@code max-length}), less {@value #MENTION_ROOM} for the {@code @user } that
 * {@link MastodonPublisher} puts in front of a reply that does not mention the customer.
 *
 * <p>Approximations: Mastodon counts grapheme clusters, so an emoji sequence counts more here than
 * there (never less); URLs are found by a simpler pattern than Mastodon's twitter-text extractor,
 * and a URL without a scheme counts at full length, as on Mastodon.
 */
final class MastodonTextLength implements TextLimit {

  static final int URL_LENGTH = 23;

  /** {@code @} + a Mastodon username (at most 30) + a space. */
  static final int MENTION_ROOM = 32;

  private static final Pattern URL =
      Pattern.compile("(?<![\\w@/])https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern MENTION =
      Pattern.compile(
          "(?<![=/\\w])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_])?)(@[\\w.-]+\\w)?",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
  private static final String TRAILING_PUNCTUATION = ".,:;!?'\")]*";

  private final int maxLength;

  MastodonTextLength(int maxLength) {
    this.maxLength = maxLength;
  }

  @Override
  public int length(String text) {
    List<int[]> urls = new ArrayList<>();
    Matcher url = URL.matcher(text);
    while (url.find()) {
      urls.add(new int[] {url.start(), trimEnd(text, url.start(), url.end())});
    }
    int length = text.codePointCount(0, text.length());
    for (int[] span : urls) {
      length += URL_LENGTH - text.codePointCount(span[0], span[1]);
    }
    Matcher mention = MENTION.matcher(text);
    while (mention.find()) {
      if (mention.group(2) != null
          && urls.stream()
              .noneMatch(span -> mention.start() < span[1] && span[0] < mention.end())) {
        length -= text.codePointCount(mention.start(2), mention.end(2));
      }
    }
    return length;
  }

  @Override
  public int maxLength(Visibility visibility) {
    return maxLength - MENTION_ROOM;
  }

  private static int trimEnd(String text, int start, int end) {
    while (end > start + 1 && TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return end;
  }
}
