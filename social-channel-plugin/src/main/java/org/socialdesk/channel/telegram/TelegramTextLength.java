package org.socialdesk.channel.telegram;

import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.social.Visibility;

/**
 * {@code sendMessage} takes 1 to 4,096 characters "after entities parsing". Replies are sent as
 * plain text (no {@code parse_mode}), so nothing is parsed away and the text sent is the text
 * counted. Telegram measures text in UTF-16 code units (its entity offsets do too), so that is what
 * is counted here: an emoji outside the Basic Multilingual Plane counts 2, a Thai or Persian letter
 * 1. Counting code points instead would let a reply full of emoji through that Telegram refuses.
 */
final class TelegramTextLength implements TextLimit {

  static final int MAX = 4096;

  @Override
  public int length(String text) {
    return text.length();
  }

  @Override
  public int maxLength(Visibility visibility) {
    return MAX;
  }
}
