package org.socialdesk.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.publish.GrowingRetries;

/**
 * Publishes a reply on Facebook or Instagram:
 *
 * <ul>
 *   <li>public, Facebook: {@code POST /{comment-id}/comments} under the thread's top-level comment
 *       (or {@code /{post-id}/comments} on a visitor's post);
 *   <li>public, Instagram: {@code POST /{ig-comment-id}/replies} under the top-level comment, or
 *       {@code POST /{ig-user-id}/mentions} for a mention;
 *   <li>private, answering a message: the Send API, {@code POST /{page-id}/messages} to the person,
 *       {@code RESPONSE} within 24 hours, {@code MESSAGE_TAG}/{@code HUMAN_AGENT} within 7 days
 *       when the app has the permission, refused otherwise (the reply policy holds it first);
 *   <li>private, answering a comment: a private reply, {@code POST /{page-id}/messages} with {@code
 *       recipient.comment_id}, once per comment (claimed before the call), within 7 days.
 * </ul>
 *
 * <p>Graph has no idempotency key, so a request that may have reached Meta is never retried: a lost
 * answer is an exception and the host records the outcome as unknown (as for X). What certainly did
 * not reach Meta (no connection, paced, throttled, a dead token) waits and retries. A removed,
 * hidden or Live comment is never answered in public.
 */
final class MetaPublisher implements ReplyPublisher {

  static final Duration FIRST_RETRY = GrowingRetries.FIRST_RETRY;
  static final Duration ADMIN_RETRY = Duration.ofMinutes(15);

  private static final Logger log = LoggerFactory.getLogger(MetaPublisher.class);

  private final MetaNetwork network;
  private final MetaGraph graph;
  private final MetaItems items;
  private final MetaPrivateReplies privateReplies;
  private final MetaConfig config;
  private final Clock clock;
  private final GrowingRetries retries;

  MetaPublisher(
      MetaNetwork network,
      MetaGraph graph,
      MetaItems items,
      MetaPrivateReplies privateReplies,
      MetaConfig config,
      Clock clock) {
    this.network = network;
    this.graph = graph;
    this.items = items;
    this.privateReplies = privateReplies;
    this.config = config;
    this.clock = clock;
    this.retries = new GrowingRetries(clock);
  }

  /** The Graph call a reply becomes, or why it cannot be made. */
  private sealed interface Call {
    record Comment(String path, String message, String parentId) implements Call {}

    record Mention(String commentId, String mediaId, String message) implements Call {}

    record Message(Map<String, Object> body) implements Call {}

    record PrivateReply(String commentId, Map<String, Object> body) implements Call {}

    record Refused(String reason) implements Call {}
  }

  @Override
  public PublishOutcome publish(OutgoingReply reply) {
    if (!network.id().equals(reply.inReplyTo().network())) {
      return new PublishOutcome.Rejected(
          "meta: " + reply.inReplyTo() + " is not a " + network.id() + " post");
    }
    Call call = reply.visibility() == Visibility.PUBLIC ? publicCall(reply) : privateCall(reply);
    if (call instanceof Call.Refused refused) {
      return new PublishOutcome.Rejected(refused.reason());
    }
    if (call instanceof Call.PrivateReply privateReply
        && !privateReplies.claim(network, privateReply.commentId())) {
      return new PublishOutcome.Rejected(
          "meta: a private reply to comment "
              + privateReply.commentId()
              + " was already sent (or attempted); Meta allows one per comment. The conversation continues in the inbox once the customer answers.");
    }
    try {
      return published(reply, call, send(call));
    } catch (MetaGraphException e) {
      release(call);
      return failed(reply, e);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      release(call);
      return retries.failed(
          reply,
          "meta: cannot connect to " + config.graphBaseUrl() + " (" + e + "); nothing was sent");
    } catch (IOException e) {
      if (e.getCause() instanceof UnresolvedAddressException
          || e.getCause() instanceof ConnectException) {
        release(call);
        return retries.failed(
            reply,
            "meta: cannot connect to "
                + config.graphBaseUrl()
                + " ("
                + e.getCause()
                + "); nothing was sent");
      }
      throw new MetaOutcomeUnknownException(
          "meta: no answer after the request was sent (" + e + "); it may or may not be published",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetaOutcomeUnknownException(
          "meta: interrupted while publishing; it may or may not be published", e);
    }
  }

  private Call publicCall(OutgoingReply reply) {
    String target = reply.inReplyTo().postId();
    Optional<MetaItem> item = items.find(network, target);
    if (item.isPresent() && item.get().kind() == MetaItem.Kind.MESSAGE) {
      return new Call.Refused("meta: " + target + " is a direct message; it is answered privately");
    }
    if (item.isPresent() && item.get().hidden()) {
      return new Call.Refused(
          "meta: the comment "
              + target
              + " is hidden on "
              + network.id()
              + "; it is not answered in public");
    }
    if (item.isPresent() && item.get().live()) {
      return new Call.Refused(
          "meta: Instagram does not allow replies to Live comments (" + target + ")");
    }
    if (!MetaIds.isNodeId(target)) {
      return new Call.Refused("meta: " + target + " is not a Graph id");
    }
    String parent = item.map(MetaItem::parentId).orElse(null);
    String under = parent != null ? parent : target;
    if (network == MetaNetwork.FACEBOOK) {
      return new Call.Comment("/" + under + "/comments", reply.text(), under);
    }
    if (item.isPresent() && item.get().kind() == MetaItem.Kind.MENTION) {
      return new Call.Mention(
          target.equals(item.get().mediaId()) ? null : target, item.get().mediaId(), reply.text());
    }
    return new Call.Comment("/" + under + "/replies", reply.text(), under);
  }

  private Call privateCall(OutgoingReply reply) {
    String target = reply.inReplyTo().postId();
    Optional<MetaItem> item = items.find(network, target);
    Instant now = clock.instant();
    if (item.isEmpty()
        || item.get().kind() == MetaItem.Kind.MESSAGE
        || item.get().kind() == MetaItem.Kind.OWN_COMMENT) {
      Instant last =
          item.filter(i -> i.kind() == MetaItem.Kind.MESSAGE).map(MetaItem::createdAt).orElse(null);
      String recipient = reply.recipient().accountId();
      if (last == null || !MetaIds.isNodeId(recipient)) {
        return new Call.Refused(
            "meta: no message of the customer is known to answer privately (" + target + ")");
      }
      Optional<MetaWindow.Send> send = MetaWindow.message(last, now, config.humanAgentTag());
      if (send.isEmpty()) {
        return new Call.Refused(
            "meta: " + MetaWindow.closedReason(network.id(), last, config.humanAgentTag()));
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("recipient", Map.of("id", recipient));
      body.put(
          "messaging_type", send.get() == MetaWindow.Send.RESPONSE ? "RESPONSE" : "MESSAGE_TAG");
      if (send.get() == MetaWindow.Send.HUMAN_AGENT_TAG) {
        body.put("tag", "HUMAN_AGENT");
      }
      body.put("message", Map.of("text", reply.text()));
      return new Call.Message(body);
    }
    if (item.get().kind() == MetaItem.Kind.MENTION && network == MetaNetwork.INSTAGRAM) {
      return new Call.Refused(
          "meta: Instagram offers no private reply to a mention; answer it in public");
    }
    if (now.isAfter(item.get().createdAt().plus(MetaWindow.PRIVATE_REPLY))) {
      return new Call.Refused(
          "meta: private replies are allowed within 7 days of the comment (it was written at "
              + item.get().createdAt()
              + ", so until "
              + item.get().createdAt().plus(MetaWindow.PRIVATE_REPLY)
              + ")");
    }
    String field = item.get().kind() == MetaItem.Kind.POST ? "post_id" : "comment_id";
    return new Call.PrivateReply(
        target,
        Map.of("recipient", Map.of(field, target), "message", Map.of("text", reply.text())));
  }

  private JsonNode send(Call call) throws MetaGraphException, IOException, InterruptedException {
    String account =
        network == MetaNetwork.INSTAGRAM ? config.instagramAccountId() : config.pageId();
    return switch (call) {
      case Call.Comment comment ->
          graph.postForm(account, comment.path(), Map.of("message", comment.message()));
      case Call.Mention mention -> {
        Map<String, String> form = new LinkedHashMap<>();
        if (mention.commentId() != null) {
          form.put("comment_id", mention.commentId());
        }
        form.put("media_id", mention.mediaId());
        form.put("message", mention.message());
        yield graph.postForm(account, "/" + config.instagramAccountId() + "/mentions", form);
      }
      case Call.Message message ->
          graph.postJson(account, "/" + config.pageId() + "/messages", message.body());
      case Call.PrivateReply privateReply ->
          graph.postJson(account, "/" + config.pageId() + "/messages", privateReply.body());
      case Call.Refused refused -> throw new IllegalStateException("refused calls are not sent");
    };
  }

  private PublishOutcome published(OutgoingReply reply, Call call, JsonNode answer) {
    retries.forget(reply);
    boolean message = call instanceof Call.Message || call instanceof Call.PrivateReply;
    String id = MetaJson.text(answer, message ? "message_id" : "id");
    if (id == null) {
      throw new MetaOutcomeUnknownException(
          "meta: Graph answered success without the new id; it is probably published", null);
    }
    Instant now = clock.instant();
    String key = message ? MetaIds.key(id) : id;
    switch (call) {
      case Call.PrivateReply privateReply ->
          privateReplies.sent(
              network, privateReply.commentId(), MetaJson.text(answer, "recipient_id"), key);
      case Call.Comment comment ->
          items.record(
              new MetaItem(
                  network,
                  id,
                  MetaItem.Kind.OWN_COMMENT,
                  comment.parentId(),
                  null,
                  null,
                  false,
                  false,
                  now));
      default -> {}
    }
    log.info(
        "meta: published {} reply {} on {} as {}",
        reply.visibility() == Visibility.PUBLIC ? "public" : "private",
        reply.idempotencyKey(),
        network.id(),
        key);
    URI url =
        !message && network == MetaNetwork.FACEBOOK && MetaIds.isNodeId(id)
            ? URI.create("https://www.facebook.com/" + id)
            : null;
    return new PublishOutcome.Published(key, url, now);
  }

  private PublishOutcome failed(OutgoingReply reply, MetaGraphException e) {
    return switch (e.kind()) {
      case THROTTLED -> new PublishOutcome.RetryLater(until(e.retryAt()), e.getMessage());
      case TOKEN_INVALID, PERMISSION ->
          new PublishOutcome.RetryLater(
              ADMIN_RETRY,
              e.getMessage() + "; the reply waits until an admin fixes it (see socialdesk check)");
      case TEMPORARY -> retries.failed(reply, e.getMessage());
      case REJECTED -> {
        retries.forget(reply);
        yield new PublishOutcome.Rejected(e.getMessage());
      }
    };
  }

  private void release(Call call) {
    if (call instanceof Call.PrivateReply privateReply) {
      privateReplies.release(network, privateReply.commentId());
    }
  }

  private Duration until(Instant at) {
    Duration delay = at == null ? FIRST_RETRY : Duration.between(clock.instant(), at);
    return delay.isNegative() || delay.isZero() ? Duration.ofSeconds(1) : delay;
  }
}
