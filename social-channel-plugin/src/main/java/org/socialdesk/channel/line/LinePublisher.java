package org.socialdesk.channel.line;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.api.social.Visibility;

/**
 * Sends a reply part into the customer's chat, one text message per request:
 *
 * <ul>
 *   <li><b>Reply token</b> ({@code POST /v2/bot/message/reply}, free) when the part answers the
 *       customer's message in the chat it came from and its token is fresh ({@code reply-token-ttl}
 *       after the message) and unclaimed. The token is claimed in the database before LINE is
 *       called, so it is used once; the part's attempt is recorded too. LINE's "Invalid reply
 *       token" (it expired early) falls back to a push. No answer after sending, or a 5xx, cannot
 *       be retried (the reply API takes no retry key): the outcome is unknown.
 *   <li><b>Push</b> ({@code POST /v2/bot/message/push}, counts against the monthly quota)
 *       otherwise, under an {@code X-Line-Retry-Key} derived from the part's idempotency key: a
 *       retry, also after a crash, never sends twice, and LINE's 409 for a repeated key means
 *       delivered. Retries stop 23 hours after the first attempt, inside LINE's 24 hours.
 * </ul>
 *
 * The customer's message is quoted with its {@code quoteToken} ({@code quote-customer-message}). A
 * private reply to a group message goes to the author alone, always by push.
 */
final class LinePublisher implements ReplyPublisher {

  static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  static final Duration MAX_RETRY = Duration.ofMinutes(15);
  static final Duration RETRY_KEY_LIFE = Duration.ofHours(23);
  static final String QUOTA_GUIDANCE =
      "it goes out when the quota renews at the start of next month, or after the plan's limit is raised;"
          + " a reply within "
          + "the reply token's life (the customer's next message) is free";

  private static final Logger log = LoggerFactory.getLogger(LinePublisher.class);

  private final LineApi api;
  private final LineConfig config;
  private final LineMessages messages;
  private final LinePublishAttempts attempts;
  private final LineSeenEvents friends;
  private final LineQuota quota;
  private final Clock clock;
  private final Map<String, Integer> failures =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
              return size() > 1000;
            }
          });

  LinePublisher(
      LineApi api,
      LineConfig config,
      LineMessages messages,
      LinePublishAttempts attempts,
      LineSeenEvents friends,
      LineQuota quota,
      Clock clock) {
    this.api = api;
    this.config = config;
    this.messages = messages;
    this.attempts = attempts;
    this.friends = friends;
    this.quota = quota;
    this.clock = clock;
  }

  @Override
  public PublishOutcome publish(OutgoingReply reply) {
    if (!LineDelivery.NETWORK.equals(reply.inReplyTo().network())) {
      return new PublishOutcome.Rejected("line: " + reply.inReplyTo() + " is not a LINE message");
    }
    String to =
        reply.visibility() == Visibility.PRIVATE
            ? reply.recipient().accountId()
            : reply.conversationId();
    if (UntrustedText.idProblem(to).isPresent() || to.contains("@")) {
      return new PublishOutcome.Rejected(
          "line: no chat to send to ("
              + UntrustedText.forLog(to)
              + "): LINE did not give the customer's id");
    }
    Optional<LinePublishAttempts.Attempt> earlier = attempts.find(reply.idempotencyKey());
    if (earlier.isPresent() && earlier.get().method().equals(LinePublishAttempts.REPLY)) {
      throw new LineOutcomeUnknownException(
          "line: the reply-token request of this part was cut off after it was sent;"
              + " LINE may have delivered it, and a reply cannot be sent again safely",
          null);
    }
    Optional<LineMessages.Row> answered = messages.find(reply.inReplyTo().postId());
    Map<String, Object> message = textMessage(reply, answered, to);
    if (earlier.isEmpty()
        && answered.isPresent()
        && freshFor(answered.get(), to, config.replyTokenTtl(), clock.instant())) {
      Optional<String> token = messages.claimReplyToken(answered.get(), reply.idempotencyKey());
      if (token.isPresent()) {
        return reply(reply, to, token.get(), message, answered.get());
      }
    }
    return push(reply, to, message, earlier);
  }

  /**
   * Whether a reply to {@code message} sent to chat {@code to} can use the message's reply token: a
   * customer's message of that chat whose token is unclaimed and younger than {@code ttl} (from the
   * earlier of the event and its receipt: a redelivered event's token is usually spent).
   */
  static boolean freshFor(LineMessages.Row message, String to, Duration ttl, Instant now) {
    Instant from =
        message.eventAt().isBefore(message.receivedAt()) ? message.eventAt() : message.receivedAt();
    return message.isCustomers()
        && message.chatId().equals(to)
        && message.sealedReplyToken() != null
        && message.claimedBy() == null
        && now.isBefore(from.plus(ttl));
  }

  private Map<String, Object> textMessage(
      OutgoingReply reply, Optional<LineMessages.Row> answered, String to) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "text");
    message.put("text", reply.text());
    if (config.quoteCustomerMessage()
        && answered.isPresent()
        && answered.get().isCustomers()
        && answered.get().chatId().equals(to)
        && answered.get().quoteToken() != null) {
      message.put("quoteToken", answered.get().quoteToken());
    }
    return message;
  }

  private PublishOutcome reply(
      OutgoingReply reply,
      String to,
      String token,
      Map<String, Object> message,
      LineMessages.Row answered) {
    String key = reply.idempotencyKey();
    attempts.record(key, LinePublishAttempts.REPLY, retryKey(key), clock.instant());
    LineApi.Answer answer;
    try {
      answer =
          api.post(
              api.api("/v2/bot/message/reply"),
              Map.of("replyToken", token, "messages", List.of(message)),
              Map.of());
    } catch (IOException e) {
      if (neverSent(e)) {
        attempts.forget(key);
        messages.releaseReplyToken(answered.messageId(), key);
        return temporaryFailure(key, "line: cannot connect to LINE (" + e + "); nothing was sent");
      }
      throw new LineOutcomeUnknownException(
          "line: the reply got no answer after it was sent ("
              + e
              + "); it may or may not be delivered",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LineOutcomeUnknownException(
          "line: interrupted while replying; it may or may not be delivered", e);
    }
    if (answer.isSuccess()) {
      return published(reply, to, answer, "reply token");
    }
    if (answer.status() == 400 && answer.problem().toLowerCase().contains("reply token")) {
      log.info(
          "line: the reply token of {} was refused ({}); pushing instead",
          answered.messageId(),
          answer.problem());
      return push(reply, to, message, Optional.empty());
    }
    if (answer.status() == 429) {
      attempts.forget(key);
      messages.releaseReplyToken(answered.messageId(), key);
      return new PublishOutcome.RetryLater(
          Duration.ofSeconds(60),
          "line: reply answered " + answer.problem() + "; nothing was sent");
    }
    if (answer.status() >= 500) {
      throw new LineOutcomeUnknownException(
          "line: reply answered " + answer.problem() + "; it may or may not be delivered", null);
    }
    return new PublishOutcome.Rejected("line: reply answered " + answer.problem());
  }

  private PublishOutcome push(
      OutgoingReply reply,
      String to,
      Map<String, Object> message,
      Optional<LinePublishAttempts.Attempt> earlier) {
    String key = reply.idempotencyKey();
    Optional<Instant> blocked = to.startsWith("U") ? friends.blockedSince(to) : Optional.empty();
    if (blocked.isPresent() && earlier.isEmpty()) {
      return new PublishOutcome.Rejected(
          "line: the customer blocked the account ("
              + blocked.get()
              + "), so LINE delivers nothing to them;"
              + " the reply was not sent");
    }
    if (earlier.isPresent()
        && earlier.get().firstSentAt().plus(RETRY_KEY_LIFE).isBefore(clock.instant())) {
      return new PublishOutcome.Rejected(
          "line: the push was first tried at "
              + earlier.get().firstSentAt()
              + " and LINE remembers its retry key for 24 hours only; check the chat and send the reply again if it is missing");
    }
    String retryKey = retryKey(key);
    attempts.record(key, LinePublishAttempts.PUSH, retryKey, clock.instant());
    LineApi.Answer answer;
    try {
      answer =
          api.post(
              api.api("/v2/bot/message/push"),
              Map.of("to", to, "messages", List.of(message)),
              Map.of("X-Line-Retry-Key", retryKey));
    } catch (IOException e) {
      // Safe to repeat: LINE accepts a retry key once.
      return temporaryFailure(
          key, "line: push got no answer (" + e + "); it is sent again under the same retry key");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return temporaryFailure(
          key, "line: interrupted while pushing; it is sent again under the same retry key");
    }
    return pushed(reply, to, answer);
  }

  private PublishOutcome pushed(OutgoingReply reply, String to, LineApi.Answer answer) {
    if (answer.isSuccess() || answer.status() == 409) {
      return published(
          reply,
          to,
          answer,
          answer.status() == 409 ? "push (accepted before under the same retry key)" : "push");
    }
    if (answer.status() == 429 && answer.problem().toLowerCase().contains("monthly limit")) {
      quota.markSpent();
      return new PublishOutcome.Rejected(
          "line: " + LineQuota.SPENT + " (" + answer.problem() + "); " + QUOTA_GUIDANCE);
    }
    if (answer.status() == 429 || answer.status() >= 500) {
      return temporaryFailure(reply.idempotencyKey(), "line: push answered " + answer.problem());
    }
    return new PublishOutcome.Rejected("line: push answered " + answer.problem());
  }

  private PublishOutcome published(
      OutgoingReply reply, String to, LineApi.Answer answer, String how) {
    failures.remove(reply.idempotencyKey());
    String id = null;
    String quoteToken = null;
    try {
      JsonNode sent = answer.json().path("sentMessages").path(0);
      id = LineJson.text(sent, "id");
      quoteToken = LineJson.text(sent, "quoteToken");
    } catch (IOException e) {
      // a 409 may carry no body: the accepted request id below names it
    }
    if (id == null || UntrustedText.idProblem(id).isPresent()) {
      id =
          answer
              .headers()
              .firstValue("x-line-accepted-request-id")
              .filter(v -> UntrustedText.idProblem(v).isEmpty())
              .orElse(retryKey(reply.idempotencyKey()));
    }
    Instant now = clock.instant();
    messages.recordBrand(id, to, quoteToken, now);
    log.info("line: sent reply {} by {} as message {}", reply.idempotencyKey(), how, id);
    return new PublishOutcome.Published(id, null, now);
  }

  /**
   * The retry key of a part: a UUID derived from its idempotency key, the same on every attempt.
   */
  static String retryKey(String idempotencyKey) {
    return UUID.nameUUIDFromBytes(
            ("socialdesk line push " + idempotencyKey).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static boolean neverSent(IOException e) {
    return e instanceof HttpConnectTimeoutException
        || e instanceof ConnectException
        || e.getCause() instanceof UnresolvedAddressException
        || e.getCause() instanceof ConnectException;
  }

  private PublishOutcome temporaryFailure(String key, String reason) {
    int count = failures.merge(key, 1, Integer::sum);
    Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(count - 1, 10));
    delay = delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    return new PublishOutcome.RetryLater(
        delay, reason + "; attempt " + count + ", retrying in " + delay.toSeconds() + "s");
  }
}
