package org.socialdesk.channel.line;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * The table {@code line_message}: every message the channel took in (origin {@code customer}) or
 * sent (origin {@code brand}), with the chat it belongs to. A customer's message keeps its reply
 * token, sealed, and who claimed it: a reply token is single-use, so one publication claims it
 * before calling LINE, and no other ever uses it. What the table knows also decides which unsends
 * concern Socialdesk and which group messages answer the brand.
 */
final class LineMessages {

  static final String CUSTOMER = "customer";
  static final String BRAND = "brand";

  private final ChannelJdbc jdbc;
  private final LineSeal seal;

  LineMessages(DataSource dataSource, LineSeal seal) {
    this.jdbc = new ChannelJdbc(dataSource);
    this.seal = seal;
  }

  /** A stored message; {@code replyToken} still sealed. */
  record Row(
      String messageId,
      String origin,
      String chatId,
      String userId,
      String contentKind,
      String sealedReplyToken,
      String claimedBy,
      String quoteToken,
      Instant eventAt,
      Instant receivedAt) {

    boolean isCustomers() {
      return CUSTOMER.equals(origin);
    }
  }

  /**
   * Records a customer's message once (a redelivery leaves the first record as it was) and marks
   * its webhook event handled, in one transaction: one commit per message on the webhook's path.
   */
  void recordCustomer(LineIncoming message, Instant receivedAt) {
    String purpose = "line: record message " + message.messageId();
    Object[] row = {
      message.messageId(),
      CUSTOMER,
      message.chatId(),
      message.userId(),
      message.contentKind(),
      seal.seal(message.messageId(), message.replyToken()),
      message.quoteToken(),
      message.postedAt(),
      receivedAt
    };
    try (ChannelJdbc.Transaction transaction = jdbc.begin(purpose)) {
      transaction.update(
          purpose,
          INSERT_MESSAGE
              + " select ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists"
              + " (select 1 from line_message where message_id = ?)",
          append(row, message.messageId()));
      transaction.update(
          purpose,
          "insert into line_webhook_event (webhook_event_id, received_at) select ?, ?"
              + " where not exists (select 1 from line_webhook_event where webhook_event_id = ?)",
          message.webhookEventId(),
          receivedAt,
          message.webhookEventId());
      transaction.commit();
    } catch (ChannelStorageException e) {
      if (!e.isUniqueViolation()) {
        throw e;
      }
      // The same event in two deliveries at once: the other one stored it.
    }
  }

  /**
   * As {@link #recordCustomer} for several messages in one transaction (a group commit); a unique
   * violation (the same message from two instances at once) fails the whole batch, and the caller
   * then records each alone.
   */
  void recordAll(List<LineIncoming> batch, Instant receivedAt) {
    String purpose = "line: record " + batch.size() + " messages";
    try (ChannelJdbc.Transaction transaction = jdbc.begin(purpose)) {
      for (LineIncoming message : batch) {
        transaction.update(
            purpose,
            INSERT_MESSAGE
                + " select ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists"
                + " (select 1 from line_message where message_id = ?)",
            message.messageId(),
            CUSTOMER,
            message.chatId(),
            message.userId(),
            message.contentKind(),
            seal.seal(message.messageId(), message.replyToken()),
            message.quoteToken(),
            message.postedAt(),
            receivedAt,
            message.messageId());
        transaction.update(
            purpose,
            "insert into line_webhook_event (webhook_event_id, received_at) select ?, ?"
                + " where not exists (select 1 from line_webhook_event where webhook_event_id = ?)",
            message.webhookEventId(),
            receivedAt,
            message.webhookEventId());
      }
      transaction.commit();
    }
  }

  private static final String INSERT_MESSAGE =
      "insert into line_message (message_id, origin, chat_id, user_id, content_kind, reply_token, quote_token, event_at, received_at)";

  private static Object[] append(Object[] values, Object last) {
    Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
    all[values.length] = last;
    return all;
  }

  /** Records a message the brand sent, so that a customer quoting it is answering the brand. */
  void recordBrand(String messageId, String chatId, String quoteToken, Instant sentAt) {
    jdbc.insertIfAbsent(
        "line: record sent message " + messageId,
        "insert into line_message (message_id, origin, chat_id, user_id, content_kind, reply_token, quote_token, event_at, received_at)"
            + " values (?, ?, ?, null, null, null, ?, ?, ?)",
        messageId,
        BRAND,
        chatId,
        quoteToken,
        sentAt,
        sentAt);
  }

  Optional<Row> find(String messageId) {
    return jdbc.queryOne(
        "line: read message " + messageId,
        "select message_id, origin, chat_id, user_id, content_kind, reply_token, reply_token_claimed_by, quote_token, event_at, received_at"
            + " from line_message where message_id = ?",
        row ->
            new Row(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getString(8),
                ChannelJdbc.instant(row, "event_at"),
                ChannelJdbc.instant(row, "received_at")),
        messageId);
  }

  /**
   * Claims the message's reply token for the publication {@code claimant}; the token when this call
   * claimed it, empty when it was claimed before (by anyone) or there is none.
   */
  Optional<String> claimReplyToken(Row message, String claimant) {
    int claimed =
        jdbc.update(
            "line: claim the reply token of " + message.messageId(),
            "update line_message set reply_token_claimed_by = ? where message_id = ? and reply_token is not null and reply_token_claimed_by is null",
            claimant,
            message.messageId());
    return claimed == 1
        ? seal.open(message.messageId(), message.sealedReplyToken())
        : Optional.empty();
  }

  /** Gives a claimed token back, when the request certainly never reached LINE. */
  void releaseReplyToken(String messageId, String claimant) {
    jdbc.update(
        "line: release the reply token of " + messageId,
        "update line_message set reply_token_claimed_by = null where message_id = ? and reply_token_claimed_by = ?",
        messageId,
        claimant);
  }

  /** Forgets messages received before {@code before}; their tokens are long spent. */
  int prune(Instant before) {
    return jdbc.update(
        "line: prune old messages", "delete from line_message where received_at < ?", before);
  }
}
