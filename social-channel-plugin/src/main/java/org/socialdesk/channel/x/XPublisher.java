package org.socialdesk.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.oauth.BearerToken;
import org.socialdesk.channel.oauth.TokenUnavailable;
import org.socialdesk.channel.publish.GrowingRetries;

/**
 * Publishes a reply on X: a public reply with {@code POST /2/tweets}, a private one with {@code
 * POST /2/dm_conversations/with/{participant_id}/messages}.
 *
 * <p>X has no idempotency key, so a request that may have reached X is never answered with {@link
 * PublishOutcome.RetryLater}: that could post twice. The answers:
 *
 * <ul>
 *   <li>201 (any 2xx): {@link PublishOutcome.Published};
 *   <li>429, or the pacer's budget spent: retry at X's reset time (nothing was done);
 *   <li>5xx: retry with a growing delay (X says it failed);
 *   <li>401: retry in {@value #UNAUTHORIZED_RETRY_MINUTES} minutes, since an expired token is fixed
 *       by the operator, not by the agent;
 *   <li>other 4xx (403 duplicate content, 400 invalid, a deleted post): {@link
 *       PublishOutcome.Rejected} with X's title and detail;
 *   <li>no connection (refused, unresolved, connect timeout): retry with a growing delay, since the
 *       request certainly did not leave;
 *   <li>a read timeout or a connection lost after sending: an exception, so that the host marks the
 *       outcome unknown and an agent checks X, rather than risk a double post.
 * </ul>
 */
final class XPublisher implements ReplyPublisher {

  static final int UNAUTHORIZED_RETRY_MINUTES = 5;

  private static final Logger log = LoggerFactory.getLogger(XPublisher.class);

  private final XApi api;
  private final BearerToken userToken;
  private final XConfig config;
  private final Clock clock;
  private final GrowingRetries retries;

  /** With the configured user access token as it is. */
  XPublisher(XApi api, XConfig config, Clock clock) {
    this(api, new BearerToken.Fixed(config.userAccessToken()), config, clock);
  }

  XPublisher(XApi api, BearerToken userToken, XConfig config, Clock clock) {
    this.api = api;
    this.userToken = userToken;
    this.config = config;
    this.clock = clock;
    this.retries = new GrowingRetries(clock);
  }

  @Override
  public PublishOutcome publish(OutgoingReply reply) {
    if (!XPostReader.NETWORK.equals(reply.inReplyTo().network())) {
      return new PublishOutcome.Rejected("x: " + reply.inReplyTo() + " is not an X post");
    }
    boolean isPublic = reply.visibility() == Visibility.PUBLIC;
    String target = isPublic ? reply.inReplyTo().postId() : reply.recipient().accountId();
    if (!XIds.isNumeric(target)) {
      return new PublishOutcome.Rejected(
          "x: "
              + (isPublic ? "the post id " : "the recipient's user id ")
              + target
              + " is not an X id");
    }
    XEndpoint endpoint = isPublic ? XEndpoint.CREATE_POST : XEndpoint.SEND_DM;
    XApi.Answer answer;
    try {
      answer =
          isPublic
              ? api.post(
                  endpoint,
                  "/2/tweets",
                  Map.of("text", reply.text(), "reply", Map.of("in_reply_to_tweet_id", target)),
                  userToken)
              : api.post(
                  endpoint,
                  "/2/dm_conversations/with/" + target + "/messages",
                  Map.of("text", reply.text()),
                  userToken);
    } catch (XRateLimited e) {
      return new PublishOutcome.RetryLater(retries.until(e.until()), e.getMessage());
    } catch (TokenUnavailable e) {
      return new PublishOutcome.RetryLater(
          Duration.ofMinutes(UNAUTHORIZED_RETRY_MINUTES), e.getMessage() + "; nothing was sent");
    } catch (HttpConnectTimeoutException | ConnectException e) {
      return retries.failed(
          reply, "x: cannot connect to " + config.baseUrl() + " (" + e + "); nothing was sent");
    } catch (IOException e) {
      if (e.getCause() instanceof UnresolvedAddressException
          || e.getCause() instanceof ConnectException) {
        return retries.failed(
            reply,
            "x: cannot connect to "
                + config.baseUrl()
                + " ("
                + e.getCause()
                + "); nothing was sent");
      }
      throw new XOutcomeUnknownException(
          "x: "
              + endpoint
              + " got no answer after the request was sent ("
              + e
              + "); it may or may not be published",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new XOutcomeUnknownException(
          "x: interrupted while publishing; it may or may not be published", e);
    }
    return outcome(reply, endpoint, isPublic, answer);
  }

  private PublishOutcome outcome(
      OutgoingReply reply, XEndpoint endpoint, boolean isPublic, XApi.Answer answer) {
    int status = answer.status();
    if (answer.isSuccess()) {
      retries.forget(reply);
      return published(reply, endpoint, isPublic, answer);
    }
    if (status >= 500) {
      return retries.failed(reply, "x: " + endpoint + " answered " + answer.problem());
    }
    if (status == 401) {
      log.error(
          "x: X refused the user access token (401); renew plugins.social-channel.x.user-access-token"
              + " (or configure plugins.social-channel.x.oauth2 so that the channel renews it). Replies wait.");
      return new PublishOutcome.RetryLater(
          Duration.ofMinutes(UNAUTHORIZED_RETRY_MINUTES),
          "x: "
              + endpoint
              + " answered "
              + answer.problem()
              + "; the user access token is invalid or expired");
    }
    retries.forget(reply);
    return new PublishOutcome.Rejected("x: " + endpoint + " answered " + answer.problem());
  }

  private PublishOutcome published(
      OutgoingReply reply, XEndpoint endpoint, boolean isPublic, XApi.Answer answer) {
    JsonNode data;
    try {
      data = answer.json().path("data");
    } catch (IOException e) {
      throw new XOutcomeUnknownException(
          "x: " + endpoint + " answered " + answer.status() + " with a body that is not JSON", e);
    }
    String id = XJson.text(data, isPublic ? "id" : "dm_event_id");
    if (id == null) {
      throw new XOutcomeUnknownException(
          "x: "
              + endpoint
              + " answered "
              + answer.status()
              + " without the new id; it is probably published");
    }
    Instant now = clock.instant();
    URI url = isPublic ? XPostReader.statusUrl(config.brandUsername(), id) : null;
    log.info(
        "x: published {} reply {} as {}",
        isPublic ? "public" : "private",
        reply.idempotencyKey(),
        id);
    return new PublishOutcome.Published(id, url, now);
  }
}
