package org.socialdesk.channel.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelCursors;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * What the Telegram channel keeps, per bot: the {@code getUpdates} offset (in {@code
 * channel_cursor}), the updates taken in ({@code telegram_update}, kept {@value #KEPT_DAYS} days:
 * Telegram keeps an unconfirmed update for 24 hours at most) and the Telegram Business connection
 * of each business chat ({@code telegram_business_chat}). The bot token is never stored: the bot is
 * named by its id, which is not secret.
 */
final class TelegramStore {

  static final int KEPT_DAYS = 7;
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  private final ChannelJdbc jdbc;
  private final ChannelCursors cursors;
  private final Clock clock;
  private final String botId;
  private volatile Instant prunedAt = Instant.MIN;

  TelegramStore(DataSource dataSource, Clock clock, String botId) {
    this.jdbc = new ChannelJdbc(dataSource);
    this.cursors = new ChannelCursors(dataSource, clock);
    this.clock = clock;
    this.botId = botId;
  }

  /**
   * The highest update_id whose update is stored, if any: the next poll asks from the one after.
   */
  Optional<Long> lastUpdate() {
    return cursors.read(cursorKey()).map(Long::parseLong);
  }

  void confirm(long updateId) {
    cursors.write(cursorKey(), Long.toString(updateId));
  }

  boolean seen(long updateId) {
    return jdbc.queryOne(
            "telegram: look up update " + updateId,
            "select 1 from telegram_update where bot_id = ? and update_id = ?",
            row -> true,
            botId,
            updateId)
        .isPresent();
  }

  /**
   * Records that the update is taken in; a second record of it (a concurrent delivery) is harmless.
   */
  void record(long updateId) {
    jdbc.insertIfAbsent(
        "telegram: record update " + updateId,
        "insert into telegram_update (bot_id, update_id, recorded_at) values (?, ?, ?)",
        botId,
        updateId,
        clock.instant());
    pruneNowAndThen();
  }

  /** Remembers through which Telegram Business connection the brand talks with {@code chatId}. */
  void rememberBusinessChat(String chatId, String connectionId) {
    if (jdbc.update(
            "telegram: update the business connection of chat " + chatId,
            "update telegram_business_chat set connection_id = ?, updated_at = ? where bot_id = ? and chat_id = ?",
            connectionId,
            clock.instant(),
            botId,
            chatId)
        == 0) {
      jdbc.insertIfAbsent(
          "telegram: store the business connection of chat " + chatId,
          "insert into telegram_business_chat (bot_id, chat_id, connection_id, updated_at) values (?, ?, ?, ?)",
          botId,
          chatId,
          connectionId,
          clock.instant());
    }
  }

  Optional<String> businessConnection(String chatId) {
    return jdbc.queryOne(
        "telegram: read the business connection of chat " + chatId,
        "select connection_id from telegram_business_chat where bot_id = ? and chat_id = ?",
        row -> row.getString(1),
        botId,
        chatId);
  }

  private void pruneNowAndThen() {
    Instant now = clock.instant();
    if (Duration.between(prunedAt, now).compareTo(PRUNE_EVERY) < 0) {
      return;
    }
    prunedAt = now;
    jdbc.update(
        "telegram: forget old updates",
        "delete from telegram_update where bot_id = ? and recorded_at < ?",
        botId,
        now.minus(Duration.ofDays(KEPT_DAYS)));
  }

  private String cursorKey() {
    return "telegram:updates:" + botId;
  }
}
