package org.socialdesk.channel.telegram;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The bot's username, learnt once with {@code getMe} when a group message first needs it (a mention
 * is by username) and kept; the bot's id is the token's first part. Until {@code getMe} answers,
 * group messages cannot be read and are not confirmed.
 */
final class TelegramIdentity implements Supplier<TelegramBot> {

  private final TelegramApi api;
  private final String botId;
  private volatile TelegramBot bot;

  TelegramIdentity(TelegramApi api, String botId) {
    this.api = api;
    this.botId = botId;
  }

  /**
   * @throws TelegramUnavailable.Unchecked when {@code getMe} fails
   */
  @Override
  public TelegramBot get() {
    TelegramBot known = bot;
    if (known != null) {
      return known;
    }
    try {
      known = lookUp();
    } catch (TelegramUnavailable e) {
      throw new TelegramUnavailable.Unchecked(e);
    }
    bot = known;
    return known;
  }

  private TelegramBot lookUp() throws TelegramUnavailable {
    TelegramApi.Answer answer;
    try {
      answer = api.call("getMe", Map.of());
    } catch (IOException e) {
      throw new TelegramUnavailable("telegram: getMe failed (" + api.describe(e) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TelegramUnavailable("telegram: interrupted during getMe", e);
    }
    String username = answer.ok() ? TelegramJson.text(answer.result(), "username") : null;
    String id = answer.ok() ? TelegramJson.id(answer.result(), "id") : null;
    if (username == null || !botId.equals(id)) {
      throw new TelegramUnavailable(
          "telegram: getMe answered "
              + answer.description()
              + (answer.ok()
                  ? " without this bot's id and username"
                  : "; check plugins.social-channel.telegram.bot-token"),
          null);
    }
    return new TelegramBot(botId, username);
  }
}
