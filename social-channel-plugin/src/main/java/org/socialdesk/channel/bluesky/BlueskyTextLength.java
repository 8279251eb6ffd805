package org.socialdesk.channel.bluesky;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.social.Visibility;

/**
 * Bluesky's limits: a post holds at most 300 graphemes and 3000 UTF-8 bytes, a chat message 1000
 * graphemes and 10000 bytes. Both byte limits are ten times the grapheme limit, so the length is
 * the larger of the graphemes and a tenth of the bytes (rounded up): a text fits exactly when both
 * limits hold, and the reply checks split what does not.
 */
final class BlueskyTextLength implements TextLimit {

  static final int POST_GRAPHEMES = 300;
  static final int MESSAGE_GRAPHEMES = 1000;

  @Override
  public int length(String text) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    return Math.max(graphemes(text), (bytes + 9) / 10);
  }

  @Override
  public int maxLength(Visibility visibility) {
    return visibility == Visibility.PUBLIC ? POST_GRAPHEMES : MESSAGE_GRAPHEMES;
  }

  /** Extended grapheme clusters (the JDK's character BreakIterator counts them since Java 20). */
  static int graphemes(String text) {
    BreakIterator clusters = BreakIterator.getCharacterInstance();
    clusters.setText(text);
    int count = 0;
    while (clusters.next() != BreakIterator.DONE) {
      count++;
    }
    return count;
  }
}
