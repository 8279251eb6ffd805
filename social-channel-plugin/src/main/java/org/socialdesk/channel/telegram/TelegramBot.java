package org.socialdesk.channel.telegram;

import java.util.Locale;
import java.util.Objects;

/**
 * The brand's bot as {@code getMe} describes it: its user id (the token's first part) and its
 * username, by which customers mention it in groups.
 */
record TelegramBot(String id, String username) {

  TelegramBot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
  }

  /**
   * Whether {@code mention} ({@code @name}, as a mention entity covers it) names this bot;
   * usernames ignore case.
   */
  boolean isMentionedAs(String mention) {
    return mention.startsWith("@")
        && mention.substring(1).toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT));
  }
}
