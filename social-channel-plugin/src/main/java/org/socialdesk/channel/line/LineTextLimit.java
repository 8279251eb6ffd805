package org.socialdesk.channel.line;

import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.social.Visibility;

/**
 * LINE's length of a text message: 5,000 characters counted in UTF-16 code units (LINE's "Character
 * counting in a text": 🍎 counts 2, 👋🏻 counts 4, Thai and Persian letters 1 each), for private
 * and group messages alike. A longer reply is split by the reply checks, one message per part.
 */
final class LineTextLimit implements TextLimit {

  static final int MAX = 5000;

  @Override
  public int length(String text) {
    return text.length();
  }

  @Override
  public int maxLength(Visibility visibility) {
    return MAX;
  }
}
