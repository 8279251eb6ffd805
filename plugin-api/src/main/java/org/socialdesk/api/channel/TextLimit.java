package org.socialdesk.api.channel;

import org.socialdesk.api.social.Visibility;

/** How a network measures a post's length, and how long a reply may be. */
public interface TextLimit {

  /**
   * The network's length of {@code text} (X weighs URLs, CJK and emoji; most count code points).
   */
  int length(String text);

  int maxLength(Visibility visibility);

  /** Code points up to a fixed maximum; right for networks without weighted counting. */
  static TextLimit codePoints(int publicMax, int privateMax) {
    return new TextLimit() {
      @Override
      public int length(String text) {
        return text.codePointCount(0, text.length());
      }

      @Override
      public int maxLength(Visibility visibility) {
        return visibility == Visibility.PUBLIC ? publicMax : privateMax;
      }
    };
  }
}
