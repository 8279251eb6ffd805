package org.socialdesk.channel.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * Publishes a reply with {@code POST /api/v1/statuses} under the reply's Idempotency-Key, so a
 * retry after a lost answer returns the status already created instead of a second one.
 *
 * <p>Visibility: a private reply is {@code direct}; a reply to a direct status stays direct;
 * otherwise the reply takes {@code public-reply-visibility}, but never more visible than the status
 * it answers (a reply to a followers-only status is followers-only). The reply starts with
 * {@code @customer} when it does not mention them: a direct status reaches only those it mentions,
 * and Mastodon notifies only mentioned accounts (its own apps start every reply so).
 *
 * <p>Answers: 200 is published; 429 waits until {@code X-RateLimit-Reset}; a 5xx, a timeout or a
 * broken connection is retried; any other 4xx (422 invalid, 404 status deleted) is refused with
 * Mastodon's {@code error}. Mastodon remembers an Idempotency-Key for one hour only, so a retry
 * later than that could publish twice: from the first sending that may have reached Mastodon,
 * retries stop after {@value #SAFE_WINDOW_MINUTES} minutes and the reply is refused with the
 * reason, for an agent to check the thread. A refused connection or a 429 never reached Mastodon
 * and does not start that window.
 */
final class MastodonPublisher implements ReplyPublisher {

  private static final Logger log = LoggerFactory.getLogger(MastodonPublisher.class);

  /** Mastodon keeps the key 1 hour; a margin covers clock skew and slow requests. */
  static final int SAFE_WINDOW_MINUTES = 55;

  static final Duration SAFE_WINDOW = Duration.ofMinutes(SAFE_WINDOW_MINUTES);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);
  private static final Duration DATABASE_RETRY = Duration.ofSeconds(30);

  /** From the least to the most restricted. */
  private static final List<String> VISIBILITIES =
      List.of("public", "unlisted", "private", "direct");

  private final MastodonApi api;
  private final MastodonStatuses statuses;
  private final MastodonPublishAttempts attempts;
  private final String publicReplyVisibility;
  private final String host;
  private final Clock clock;

  MastodonPublisher(
      MastodonApi api,
      MastodonStatuses statuses,
      MastodonPublishAttempts attempts,
      String publicReplyVisibility,
      String host,
      Clock clock) {
    this.api = api;
    this.statuses = statuses;
    this.attempts = attempts;
    this.publicReplyVisibility = publicReplyVisibility;
    this.host = host;
    this.clock = clock;
  }

  @Override
  public PublishOutcome publish(OutgoingReply reply) {
    if (!MastodonStatusReader.NETWORK.equals(reply.inReplyTo().network())) {
      return new PublishOutcome.Rejected(
          "mastodon: " + reply.inReplyTo() + " is not a Mastodon status");
    }
    String key = reply.idempotencyKey();
    Instant now = clock.instant();
    Optional<Instant> earlier;
    String visibility;
    boolean firstSending;
    try {
      earlier = attempts.firstSent(key);
      if (earlier.isPresent() && !now.isBefore(earlier.get().plus(SAFE_WINDOW))) {
        return tooLate(earlier.get(), "the last attempt had no clear answer");
      }
      visibility = visibility(reply);
      firstSending = attempts.recordFirst(key, now);
    } catch (ChannelStorageException e) {
      log.warn("mastodon: cannot read or record the attempts of reply {}: {}", key, e.toString());
      return new PublishOutcome.RetryLater(
          DATABASE_RETRY, "mastodon: the channel's tables cannot be reached");
    }
    Instant windowStart = earlier.orElse(now);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("status", withMention(reply.text(), reply.recipient().handle()));
    form.put("in_reply_to_id", reply.inReplyTo().postId());
    form.put("visibility", visibility);
    MastodonApi.Answer answer;
    try {
      answer = api.postStatus(form, key);
    } catch (ConnectException | HttpConnectTimeoutException e) {
      forgetIf(firstSending, key);
      return retry(
          windowStart,
          firstSending ? FIRST_RETRY : backoff(windowStart),
          "mastodon: cannot connect: " + e);
    } catch (IOException e) {
      return retry(
          windowStart, backoff(windowStart), "mastodon: no answer to the publication: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return retry(windowStart, FIRST_RETRY, "mastodon: interrupted while publishing");
    }
    return outcome(answer, visibility, key, firstSending, windowStart);
  }

  private PublishOutcome outcome(
      MastodonApi.Answer answer,
      String visibility,
      String key,
      boolean firstSending,
      Instant windowStart) {
    int status = answer.status();
    if (status == 200) {
      return published(answer, visibility);
    }
    if (status == 429) {
      forgetIf(firstSending, key);
      Duration wait = MastodonRateLimit.retryAfter(answer, clock.instant());
      return firstSending
          ? new PublishOutcome.RetryLater(wait, "mastodon: rate limited (" + answer.error() + ")")
          : retry(windowStart, wait, "mastodon: rate limited (" + answer.error() + ")");
    }
    if (status >= 500) {
      return retry(
          windowStart, backoff(windowStart), "mastodon: the instance failed: " + answer.error());
    }
    return new PublishOutcome.Rejected("mastodon: " + status + " " + answer.error());
  }

  private PublishOutcome published(MastodonApi.Answer answer, String visibility) {
    try {
      JsonNode status = answer.json();
      String id = MastodonStatusReader.text(status, "id");
      if (id == null || id.isBlank()) {
        // Published, but we cannot say which status it is: an agent must look.
        throw new IOException("the answer has no status id");
      }
      Instant at = Instant.now(clock);
      String createdAt = MastodonStatusReader.text(status, "created_at");
      if (createdAt != null) {
        try {
          at = OffsetDateTime.parse(createdAt).toInstant();
        } catch (DateTimeParseException e) {
          log.debug(
              "mastodon: created_at {} is not a timestamp; using now",
              UntrustedText.forLog(createdAt));
        }
      }
      String url = MastodonStatusReader.text(status, "url");
      recordPublished(id, visibility);
      boolean publicUrl =
          url != null
              && !visibility.equals("direct")
              && (url.startsWith("https://") || url.startsWith("http://"));
      return new PublishOutcome.Published(id, publicUrl ? URI.create(url) : null, at);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "mastodon: the status was published but its answer cannot be read: " + e.getMessage(), e);
    }
  }

  /** The visibility to post with; see the class comment. */
  private String visibility(OutgoingReply reply) {
    if (reply.visibility() == Visibility.PRIVATE) {
      return "direct";
    }
    Optional<String> answered =
        statuses.visibility(reply.inReplyTo().postId()).filter(VISIBILITIES::contains);
    if (answered.isEmpty()) {
      return publicReplyVisibility;
    }
    return VISIBILITIES.indexOf(answered.get()) > VISIBILITIES.indexOf(publicReplyVisibility)
        ? answered.get()
        : publicReplyVisibility;
  }

  /**
   * The text, starting with {@code @user@domain} (or {@code @user} on this instance) unless it
   * mentions them.
   */
  String withMention(String text, String handle) {
    String local =
        handle.endsWith("@" + host)
            ? handle.substring(0, handle.length() - host.length() - 1)
            : handle;
    String user = local.contains("@") ? local.substring(0, local.indexOf('@')) : local;
    String domain = handle.contains("@") ? handle.substring(handle.indexOf('@') + 1) : host;
    Pattern mentioned =
        Pattern.compile(
            "(?<![\\w@/])@"
                + Pattern.quote(user)
                + "(@"
                + Pattern.quote(domain)
                + ")"
                + (local.contains("@") ? "" : "?")
                + "(?![\\w@-]|\\.\\w)",
            Pattern.CASE_INSENSITIVE);
    return mentioned.matcher(text).find() ? text : "@" + local + " " + text;
  }

  private void recordPublished(String id, String visibility) {
    try {
      statuses.record(id, MastodonStatuses.PUBLISHED, visibility, clock.instant());
    } catch (ChannelStorageException e) {
      log.warn(
          "mastodon: published {} but cannot record its visibility; a follow-up part takes the default: {}",
          UntrustedText.forLog(id),
          UntrustedText.forLog(e));
    }
  }

  /** Retry unless the next attempt would fall outside the Idempotency-Key's hour. */
  private PublishOutcome retry(Instant windowStart, Duration after, String reason) {
    if (clock.instant().plus(after).isAfter(windowStart.plus(SAFE_WINDOW))) {
      return tooLate(windowStart, reason);
    }
    return new PublishOutcome.RetryLater(after, reason);
  }

  private PublishOutcome tooLate(Instant firstSent, String reason) {
    return new PublishOutcome.Rejected(
        "mastodon: first sent at "
            + firstSent
            + " without a clear answer ("
            + reason
            + "); Mastodon remembers the"
            + " Idempotency-Key for one hour only, so sending again could publish the reply twice. Check the thread on"
            + " Mastodon and send the reply again if it is missing.");
  }

  /** 5s at first, then as long as has passed since the first sending, at most 5 minutes. */
  private Duration backoff(Instant windowStart) {
    Duration elapsed = Duration.between(windowStart, clock.instant());
    Duration after = elapsed.compareTo(FIRST_RETRY) < 0 ? FIRST_RETRY : elapsed;
    return after.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : after;
  }

  private void forgetIf(boolean firstSending, String key) {
    if (!firstSending) {
      return;
    }
    try {
      attempts.forget(key);
    } catch (ChannelStorageException e) {
      log.warn(
          "mastodon: cannot forget the attempt of reply {}; its retries stop an hour from now: {}",
          key,
          e.toString());
    }
  }
}
