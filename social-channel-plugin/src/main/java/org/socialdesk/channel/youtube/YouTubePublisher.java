package org.socialdesk.channel.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.oauth.TokenUnavailable;
import org.socialdesk.channel.publish.GrowingRetries;

/**
 * Publishes an agent's reply as {@code comments.insert} with {@code parentId} the thread's
 * top-level comment (YouTube threads are one level deep: a reply to a reply names the top-level
 * comment too). YouTube has no idempotency key, so a request that may have reached YouTube is never
 * retried:
 *
 * <ul>
 *   <li>2xx: published, and the thread is watched for the customer's answer;
 *   <li>quota spent (Socialdesk's count or YouTube's {@code quotaExceeded}): retry at the daily
 *       reset, nothing was sent or done;
 *   <li>5xx, a short-term rate limit (429, {@code rateLimitExceeded}) and no connection: retry with
 *       a growing delay;
 *   <li>401: retry in {@value #UNAUTHORIZED_RETRY_MINUTES} minutes (the operator renews the
 *       authorization);
 *   <li>other 4xx (comments disabled, parent deleted, text too long): rejected with YouTube's
 *       reason;
 *   <li>a read timeout or a connection lost after sending: {@link YouTubeOutcomeUnknownException},
 *       so that the host reports the outcome as unknown rather than risk a double post.
 * </ul>
 */
final class YouTubePublisher implements ReplyPublisher {

  static final int UNAUTHORIZED_RETRY_MINUTES = 5;
  private static final YouTubeApi.Call INSERT =
      new YouTubeApi.Call("comments.insert", YouTubeQuota.INSERT_COST, YouTubeQuota.Use.PUBLISH);
  private static final Logger log = LoggerFactory.getLogger(YouTubePublisher.class);

  private final YouTubeConfig config;
  private final YouTubeApi api;
  private final YouTubeThreads threads;
  private final YouTubeStatus status;
  private final Clock clock;
  private final GrowingRetries retries;

  YouTubePublisher(
      YouTubeConfig config,
      YouTubeApi api,
      YouTubeThreads threads,
      YouTubeStatus status,
      Clock clock) {
    this.config = config;
    this.api = api;
    this.threads = threads;
    this.status = status;
    this.clock = clock;
    this.retries = new GrowingRetries(clock);
  }

  @Override
  public PublishOutcome publish(OutgoingReply reply) {
    if (!YouTubeCommentReader.NETWORK.equals(reply.inReplyTo().network())) {
      return new PublishOutcome.Rejected(
          "youtube: " + reply.inReplyTo() + " is not a YouTube comment");
    }
    if (reply.visibility() != Visibility.PUBLIC) {
      return new PublishOutcome.Rejected(
          "youtube: YouTube has no private messages; only public replies in the thread can be sent");
    }
    String parentId = reply.conversationId();
    Map<String, Object> body =
        Map.of("snippet", Map.of("parentId", parentId, "textOriginal", reply.text()));
    YouTubeApi.Answer answer;
    try {
      answer = api.post(INSERT, "comments", List.of(Map.entry("part", "snippet")), body);
    } catch (YouTubeQuotaWait e) {
      status.publishProblem(e.getMessage());
      return new PublishOutcome.RetryLater(
          retries.until(e.until()), e.getMessage() + "; nothing was sent");
    } catch (TokenUnavailable e) {
      return new PublishOutcome.RetryLater(
          Duration.ofMinutes(UNAUTHORIZED_RETRY_MINUTES), e.getMessage() + "; nothing was sent");
    } catch (HttpConnectTimeoutException | ConnectException e) {
      return retries.failed(
          reply,
          "youtube: cannot connect to " + config.baseUrl() + " (" + e + "); nothing was sent");
    } catch (IOException e) {
      if (e.getCause() instanceof UnresolvedAddressException
          || e.getCause() instanceof ConnectException) {
        return retries.failed(
            reply,
            "youtube: cannot connect to "
                + config.baseUrl()
                + " ("
                + e.getCause()
                + "); nothing was sent");
      }
      throw new YouTubeOutcomeUnknownException(
          "youtube: comments.insert got no answer after the request was sent ("
              + e
              + "); it may or may not be published",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new YouTubeOutcomeUnknownException(
          "youtube: interrupted while publishing; it may or may not be published", e);
    }
    return outcome(reply, parentId, answer);
  }

  private PublishOutcome outcome(OutgoingReply reply, String parentId, YouTubeApi.Answer answer) {
    if (answer.isSuccess()) {
      retries.forget(reply);
      return published(reply, parentId, answer);
    }
    status.publishProblem("comments.insert answered " + answer.problem());
    if (answer.status() >= 500
        || answer.status() == 429
        || YouTubeProblem.RATE_LIMITED.contains(answer.reason())) {
      return retries.failed(reply, "youtube: comments.insert answered " + answer.problem());
    }
    if (answer.status() == 401) {
      log.error(
          "youtube: Google refused the access token (401) even after renewing it; authorize the app again and set"
              + " plugins.social-channel.youtube.oauth2.refresh-token. Replies wait.");
      return new PublishOutcome.RetryLater(
          Duration.ofMinutes(UNAUTHORIZED_RETRY_MINUTES),
          "youtube: comments.insert answered "
              + answer.problem()
              + "; the authorization is invalid or revoked");
    }
    retries.forget(reply);
    return new PublishOutcome.Rejected("youtube: comments.insert answered " + answer.problem());
  }

  private PublishOutcome published(OutgoingReply reply, String parentId, YouTubeApi.Answer answer) {
    JsonNode comment;
    try {
      comment = answer.json();
    } catch (IOException e) {
      throw new YouTubeOutcomeUnknownException(
          "youtube: comments.insert answered " + answer.status() + " with a body that is not JSON",
          e);
    }
    String id = YouTubeJson.text(comment, "id");
    if (id == null) {
      throw new YouTubeOutcomeUnknownException(
          "youtube: comments.insert answered "
              + answer.status()
              + " without the new comment's id; it is probably published",
          null);
    }
    Instant now = clock.instant();
    try {
      threads.watch(parentId, now.plus(config.watch()));
    } catch (RuntimeException e) {
      log.warn(
          "youtube: published {} but cannot watch thread {} for answers: {}",
          id,
          parentId,
          e.toString());
    }
    log.info(
        "youtube: published reply {} as comment {} under {}", reply.idempotencyKey(), id, parentId);
    String videoId = YouTubeJson.text(comment, "snippet", "videoId");
    return new PublishOutcome.Published(id, YouTubeCommentReader.commentUrl(videoId, id), now);
  }
}
