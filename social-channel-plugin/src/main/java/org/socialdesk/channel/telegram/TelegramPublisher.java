package org.socialdesk.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.social.Visibility;

/**
 * Sends a reply with {@code sendMessage}, as plain text, in the customer's chat and as a reply to
 * the message answered ({@code reply_parameters}); in a business chat on behalf of the brand's
 * Business account ({@code business_connection_id}); a private answer to a group message ({@code
 * /dm}) goes to the customer's private chat with the bot, which works only if they started it; in a
 * forum supergroup the reply names the customer's topic ({@code message_thread_id}).
 *
 * <p>Telegram does not deduplicate, so a request that may have reached it is never answered with
 * {@link PublishOutcome.RetryLater}. The answers:
 *
 * <ul>
 *   <li>200 {@code ok}: {@link PublishOutcome.Published}, its id {@code <chat>:<message id>};
 *   <li>429: retry after Telegram's {@code retry_after} (nothing was sent);
 *   <li>401 or 404 (the token is revoked or wrong): retry in {@value #UNAUTHORIZED_RETRY_MINUTES}
 *       minutes, since the operator fixes that, not the agent;
 *   <li>403: {@link PublishOutcome.Rejected}, saying plainly when the customer blocked the bot;
 *   <li>other 4xx: {@link PublishOutcome.Rejected} with Telegram's description;
 *   <li>no connection (refused, unresolved, connect timeout): retry, the request did not leave;
 *   <li>a 5xx, a read timeout, a connection lost after sending, an answer without the new message:
 *       {@link TelegramOutcomeUnknownException}, so the host reports the outcome unknown.
 * </ul>
 */
final class TelegramPublisher implements ReplyPublisher {

  static final int UNAUTHORIZED_RETRY_MINUTES = 5;
  static final Duration CONNECT_RETRY = Duration.ofSeconds(30);
  static final String BLOCKED =
      "the customer has blocked the bot, so Telegram refuses every message to them until they unblock it"
          + " (403 Forbidden: bot was blocked by the user)";

  private static final Logger log = LoggerFactory.getLogger(TelegramPublisher.class);
  private static final Pattern POST_ID = Pattern.compile("(b?)(-?[0-9]{1,20}):([0-9]{1,20})");

  /**
   * A group conversation in a forum topic: {@code <chat>:m<thread id>:u<user>} (see
   * TelegramReader).
   */
  private static final Pattern TOPIC = Pattern.compile("-[0-9]{1,20}:m([0-9]{1,20}):u[0-9]{1,20}");

  private final TelegramApi api;
  private final TelegramStore store;
  private final Clock clock;

  TelegramPublisher(TelegramApi api, TelegramStore store, Clock clock) {
    this.api = api;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Where a reply goes: the chat, the forum topic (or none), the message it answers there (or
   * none), the business connection (or none).
   */
  private record Target(
      String prefix, String chatId, String topic, String replyTo, String connection) {}

  @Override
  public PublishOutcome publish(OutgoingReply reply) {
    if (!TelegramReader.NETWORK.equals(reply.inReplyTo().network())) {
      return new PublishOutcome.Rejected(
          "telegram: " + reply.inReplyTo() + " is not a Telegram message");
    }
    Matcher id = POST_ID.matcher(reply.inReplyTo().postId());
    if (!id.matches()) {
      return new PublishOutcome.Rejected(
          "telegram: "
              + reply.inReplyTo().postId()
              + " is not a Telegram message id (<chat>:<message>)");
    }
    Optional<Target> target = target(reply, id.group(1), id.group(2), id.group(3));
    if (target.isEmpty()) {
      return new PublishOutcome.Rejected(
          "telegram: no Telegram Business connection is known for chat "
              + id.group(2)
              + "; is plugins.social-channel.telegram.business on, and the Business account still connected to the bot?");
    }
    return send(reply, target.get());
  }

  private Optional<Target> target(
      OutgoingReply reply, String prefix, String chatId, String messageId) {
    if (prefix.equals("b")) {
      return store
          .businessConnection(chatId)
          .map(connection -> new Target(prefix, chatId, null, messageId, connection));
    }
    boolean privateToGroupPost = reply.visibility() == Visibility.PRIVATE && chatId.startsWith("-");
    // /dm in a group: the customer's private chat with the bot, where the group message cannot be
    // quoted.
    if (privateToGroupPost) {
      return Optional.of(new Target("", reply.recipient().accountId(), null, null, null));
    }
    Matcher topic = TOPIC.matcher(reply.conversationId());
    return Optional.of(
        new Target("", chatId, topic.matches() ? topic.group(1) : null, messageId, null));
  }

  private PublishOutcome send(OutgoingReply reply, Target target) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (target.connection() != null) {
      parameters.put("business_connection_id", target.connection());
    }
    parameters.put("chat_id", Long.parseLong(target.chatId()));
    if (target.topic() != null) {
      parameters.put("message_thread_id", Long.parseLong(target.topic()));
    }
    parameters.put("text", reply.text());
    if (target.replyTo() != null) {
      // Still sent if the customer deleted their message meanwhile: the answer matters more than
      // the quote.
      parameters.put(
          "reply_parameters",
          Map.of(
              "message_id", Long.parseLong(target.replyTo()), "allow_sending_without_reply", true));
    }
    TelegramApi.Answer answer;
    try {
      answer = api.call("sendMessage", parameters);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      return new PublishOutcome.RetryLater(
          CONNECT_RETRY,
          "telegram: cannot connect to the Bot API (" + api.describe(e) + "); nothing was sent");
    } catch (IOException e) {
      if (e.getCause() instanceof UnresolvedAddressException
          || e.getCause() instanceof ConnectException) {
        return new PublishOutcome.RetryLater(
            CONNECT_RETRY,
            "telegram: cannot connect to the Bot API (" + api.describe(e) + "); nothing was sent");
      }
      throw new TelegramOutcomeUnknownException(
          "telegram: sendMessage got no answer after the request was sent ("
              + api.describe(e)
              + "); it may or may not be delivered",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TelegramOutcomeUnknownException(
          "telegram: interrupted while sending; it may or may not be delivered", e);
    }
    return outcome(reply, target, answer);
  }

  private PublishOutcome outcome(OutgoingReply reply, Target target, TelegramApi.Answer answer) {
    int status = answer.status();
    if (answer.ok()) {
      return published(reply, target, answer);
    }
    if (status == 429) {
      long seconds = Math.max(1, answer.retryAfterSeconds());
      return new PublishOutcome.RetryLater(
          Duration.ofSeconds(seconds),
          "telegram: sendMessage answered "
              + answer.description()
              + "; retrying in "
              + seconds
              + "s as Telegram asks");
    }
    if (status >= 500 || status < 400) {
      throw new TelegramOutcomeUnknownException(
          "telegram: sendMessage answered "
              + answer.description()
              + "; Telegram may or may not have delivered it",
          null);
    }
    if (status == 401 || status == 404) {
      log.error(
          "telegram: the Bot API refused the bot token ({}); set plugins.social-channel.telegram.bot-token to the token BotFather"
              + " shows. Replies wait.",
          status);
      return new PublishOutcome.RetryLater(
          Duration.ofMinutes(UNAUTHORIZED_RETRY_MINUTES),
          "telegram: sendMessage answered "
              + answer.description()
              + "; the bot token is invalid or revoked");
    }
    String description = answer.description();
    if (status == 403 && description.toLowerCase(Locale.ROOT).contains("blocked by the user")) {
      return new PublishOutcome.Rejected("telegram: " + BLOCKED);
    }
    return new PublishOutcome.Rejected("telegram: sendMessage answered " + description);
  }

  private PublishOutcome published(OutgoingReply reply, Target target, TelegramApi.Answer answer) {
    JsonNode message = answer.result();
    String messageId = TelegramJson.id(message, "message_id");
    String chatId = TelegramJson.id(message == null ? null : message.path("chat"), "id");
    if (messageId == null) {
      throw new TelegramOutcomeUnknownException(
          "telegram: sendMessage answered ok without the new message; it is probably delivered",
          null);
    }
    String chat = chatId != null ? chatId : target.chatId();
    String remoteId = target.prefix() + chat + ":" + messageId;
    log.info("telegram: sent reply {} as {}", reply.idempotencyKey(), remoteId);
    return new PublishOutcome.Published(remoteId, url(message, chat, messageId), clock.instant());
  }

  /** Group replies have a link members can open; private ones none. */
  private static URI url(JsonNode message, String chatId, String messageId) {
    String username = TelegramJson.text(message.path("chat"), "username");
    if (!chatId.startsWith("-")) {
      return null;
    }
    if (username != null && username.matches("[A-Za-z0-9_]{4,32}")) {
      return URI.create("https://t.me/" + username + "/" + messageId);
    }
    return chatId.startsWith("-100")
        ? URI.create("https://t.me/c/" + chatId.substring(4) + "/" + messageId)
        : null;
  }
}
