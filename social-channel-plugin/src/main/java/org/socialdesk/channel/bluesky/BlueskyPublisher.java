package org.socialdesk.channel.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.oauth.TokenUnavailable;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * Publishes a reply in the thread: {@code com.atproto.repo.createRecord} of an {@code
 * app.bsky.feed.post} with {@code reply.root} (the thread's root) and {@code reply.parent} (the
 * post answered, or the previous part of a split reply), mention and link facets, under a record
 * key derived from the reply part ({@link BlueskyTid}). A retry therefore sends the same record
 * key; the repository refuses a second record under it, and the channel then reads the record back
 * and takes it as published. A post that is gone (deleted) is never answered. Private replies go to
 * {@link BlueskyDms}.
 *
 * <p>Answers: 200 is published; 429 waits until {@code ratelimit-reset}; a 5xx, a timeout or a
 * broken connection is retried (safe, by the record key); any other 4xx is refused with the PDS's
 * error, unless the record turns out to exist.
 */
final class BlueskyPublisher implements ReplyPublisher {

  private static final Logger log = LoggerFactory.getLogger(BlueskyPublisher.class);

  static final Duration RETRY = Duration.ofSeconds(10);

  private final BlueskyConfig config;
  private final BlueskyXrpc xrpc;
  private final BlueskySession session;
  private final BlueskyDms dms;
  private final BlueskyStatus status;
  private final Clock clock;

  BlueskyPublisher(
      BlueskyConfig config,
      BlueskyXrpc xrpc,
      BlueskySession session,
      BlueskyDms dms,
      BlueskyStatus status,
      Clock clock) {
    this.config = config;
    this.xrpc = xrpc;
    this.session = session;
    this.dms = dms;
    this.status = status;
    this.clock = clock;
  }

  /** A post as the network knows it: its strong reference and its record. */
  record Post(String uri, String cid, JsonNode record) {
    Map<String, String> strongRef() {
      return Map.of("uri", uri, "cid", cid);
    }
  }

  @Override
  public PublishOutcome publish(OutgoingReply reply) {
    PublishOutcome outcome;
    try {
      outcome = reply.visibility() == Visibility.PRIVATE ? dms.send(reply) : publishInThread(reply);
    } catch (ConnectException | HttpConnectTimeoutException e) {
      outcome = new PublishOutcome.RetryLater(RETRY, "bluesky: cannot connect: " + e);
    } catch (IOException e) {
      // The record key makes a second sending safe.
      outcome = new PublishOutcome.RetryLater(RETRY, "bluesky: no answer to the publication: " + e);
    } catch (TokenUnavailable e) {
      outcome = new PublishOutcome.RetryLater(Duration.ofMinutes(1), e.getMessage());
    } catch (ChannelStorageException e) {
      outcome =
          new PublishOutcome.RetryLater(
              Duration.ofSeconds(30), "bluesky: the channel's tables cannot be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = new PublishOutcome.RetryLater(RETRY, "bluesky: interrupted while publishing");
    }
    if (!(outcome instanceof PublishOutcome.Published)) {
      status.publishProblem(clock.instant() + ": " + outcome);
    }
    return outcome;
  }

  private PublishOutcome publishInThread(OutgoingReply reply)
      throws IOException, InterruptedException, TokenUnavailable {
    Optional<BlueskyIds.PostRef> parentRef =
        BlueskyPostReader.NETWORK.equals(reply.inReplyTo().network())
            ? BlueskyIds.fromPostId(reply.inReplyTo().postId())
            : Optional.empty();
    if (parentRef.isEmpty()) {
      return new PublishOutcome.Rejected(
          "bluesky: " + reply.inReplyTo() + " is not a Bluesky post; a public reply needs one");
    }
    String brand = session.did();
    String rkey = BlueskyTid.forKey(reply.idempotencyKey());
    Optional<Post> parent = post(parentRef.get(), brand);
    if (parent.isEmpty()) {
      Optional<Post> earlier = ownPost(brand, rkey);
      if (earlier.isPresent()) {
        return published(
            brand, rkey, earlier.get(), "an earlier attempt, before the post was deleted");
      }
      return new PublishOutcome.Rejected(
          "bluesky: the post answered ("
              + parentRef.get().uri()
              + ") is gone (deleted, or hidden from the brand); a deleted post is never answered in public");
    }
    Map<String, Object> record = record(reply.text(), parent.get());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("repo", brand);
    body.put("collection", BlueskyIds.POST_COLLECTION);
    body.put("rkey", rkey);
    body.put("record", record);
    BlueskyXrpc.Answer answer = xrpc.post("com.atproto.repo.createRecord", body, null);
    return outcome(answer, brand, rkey);
  }

  private Map<String, Object> record(String text, Post parent)
      throws IOException, InterruptedException, TokenUnavailable {
    JsonNode root = parent.record().path("reply").path("root");
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put(
        "root",
        root.path("uri").isTextual() && root.path("cid").isTextual()
            ? Map.of("uri", root.path("uri").asText(), "cid", root.path("cid").asText())
            : parent.strongRef());
    reply.put("parent", parent.strongRef());
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("$type", BlueskyIds.POST_COLLECTION);
    record.put("text", text);
    record.put("createdAt", clock.instant().toString());
    record.put("reply", reply);
    List<Map<String, Object>> facets = facets(text);
    if (!facets.isEmpty()) {
      record.put("facets", facets);
    }
    return record;
  }

  private List<Map<String, Object>> facets(String text)
      throws IOException, InterruptedException, TokenUnavailable {
    try {
      return BlueskyFacets.of(text, this::resolveHandle);
    } catch (IOException | InterruptedException | TokenUnavailable | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private Optional<String> resolveHandle(String handle)
      throws IOException, InterruptedException, TokenUnavailable {
    BlueskyXrpc.Answer answer =
        xrpc.get("com.atproto.identity.resolveHandle", List.of(Map.entry("handle", handle)), null);
    if (answer.status() == 400) {
      return Optional.empty(); // no such handle: the text stays plain
    }
    if (!answer.ok()) {
      throw new IOException("resolveHandle answered " + answer.problem());
    }
    String did = answer.json().path("did").asText("");
    return did.startsWith("did:") ? Optional.of(did) : Optional.empty();
  }

  private PublishOutcome outcome(BlueskyXrpc.Answer answer, String brand, String rkey)
      throws IOException, InterruptedException, TokenUnavailable {
    if (answer.ok()) {
      JsonNode json = answer.json();
      return published(
          brand,
          rkey,
          new Post(json.path("uri").asText(), json.path("cid").asText(), null),
          "createRecord");
    }
    if (answer.status() == 429) {
      Duration wait = BlueskyRateLimit.retryAfter(answer, clock.instant());
      return new PublishOutcome.RetryLater(
          wait, "bluesky: rate limited (" + answer.problem() + ")");
    }
    // A record under this key may exist (a retry after a lost answer): then it is published.
    Optional<Post> existing = ownPost(brand, rkey);
    if (existing.isPresent()) {
      log.info(
          "bluesky: createRecord answered {}; the reply's record {} exists, so it is published",
          UntrustedText.forLog(answer.problem()),
          rkey);
      return published(brand, rkey, existing.get(), "an earlier attempt");
    }
    if (answer.status() >= 500) {
      return new PublishOutcome.RetryLater(RETRY, "bluesky: the PDS failed: " + answer.problem());
    }
    return new PublishOutcome.Rejected("bluesky: createRecord answered " + answer.problem());
  }

  private PublishOutcome published(String brand, String rkey, Post post, String source) {
    BlueskyIds.PostRef ref = new BlueskyIds.PostRef(brand, rkey);
    log.debug("bluesky: reply {} published ({})", ref.uri(), source);
    URI url = config.webUrl().resolve("/profile/" + brand + "/post/" + rkey);
    return new PublishOutcome.Published(ref.postId(), url, clock.instant());
  }

  /** The brand's own post under {@code rkey}, read from its repository (no index delay). */
  Optional<Post> ownPost(String brand, String rkey)
      throws IOException, InterruptedException, TokenUnavailable {
    BlueskyXrpc.Answer answer =
        xrpc.get(
            "com.atproto.repo.getRecord",
            List.of(
                Map.entry("repo", brand),
                Map.entry("collection", BlueskyIds.POST_COLLECTION),
                Map.entry("rkey", rkey)),
            null);
    if (answer.status() == 400 && "RecordNotFound".equals(answer.errorName())) {
      return Optional.empty();
    }
    if (!answer.ok()) {
      throw new IOException("getRecord answered " + answer.problem());
    }
    JsonNode json = answer.json();
    return Optional.of(
        new Post(json.path("uri").asText(), json.path("cid").asText(), json.path("value")));
  }

  /**
   * The post answered: the brand's own from its repository (a split reply's previous part, just
   * written, may not be indexed yet), another's from the AppView ({@code getPosts}); empty when
   * gone.
   */
  private Optional<Post> post(BlueskyIds.PostRef ref, String brand)
      throws IOException, InterruptedException, TokenUnavailable {
    if (ref.did().equals(brand)) {
      return ownPost(brand, ref.rkey());
    }
    BlueskyXrpc.Answer answer =
        xrpc.get("app.bsky.feed.getPosts", List.of(Map.entry("uris", ref.uri())), null);
    if (!answer.ok()) {
      throw new IOException("getPosts answered " + answer.problem());
    }
    for (JsonNode post : answer.json().path("posts")) {
      if (ref.uri().equals(post.path("uri").asText())) {
        return Optional.of(
            new Post(post.path("uri").asText(), post.path("cid").asText(), post.path("record")));
      }
    }
    return Optional.empty();
  }
}
