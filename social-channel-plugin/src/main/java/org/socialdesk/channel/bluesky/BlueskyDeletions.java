package org.socialdesk.channel.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.oauth.TokenUnavailable;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * Notices deleted customer posts. Bluesky sends no "deleted" notification (the notification of a
 * deleted post just disappears), so the watched posts are looked up with {@code
 * app.bsky.feed.getPosts}, 25 at a time; a post missing from the answer is confirmed with {@code
 * getPostThread}, which answers {@code NotFound} for a deleted post (a post hidden for another
 * reason, such as a block, is not called deleted). A deleted post is handed to the host as {@link
 * InboundEvent.PostDeleted}, which marks it on the ticket; the publisher never answers it in
 * public.
 */
final class BlueskyDeletions {

  private static final Logger log = LoggerFactory.getLogger(BlueskyDeletions.class);

  /** getPosts takes at most 25 URIs. */
  static final int BATCH = 25;

  /** At most this many posts per check, so that one check stays short. */
  static final int PER_CHECK = 500;

  private final BlueskyXrpc xrpc;
  private final BlueskyPosts posts;
  private final Ingest ingest;
  private final BlueskyStatus status;
  private final Clock clock;

  BlueskyDeletions(
      BlueskyXrpc xrpc, BlueskyPosts posts, Ingest ingest, BlueskyStatus status, Clock clock) {
    this.xrpc = xrpc;
    this.posts = posts;
    this.ingest = ingest;
    this.status = status;
    this.clock = clock;
  }

  /** For the scheduler: logs instead of throwing. */
  void checkQuietly() {
    try {
      int deleted = check();
      status.deletionChecked(clock.instant(), deleted + " deleted post(s) found");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | TokenUnavailable | RuntimeException e) {
      log.warn("bluesky: checking posts for deletions failed: {}", UntrustedText.forLog(e));
      status.deletionChecked(clock.instant(), "failed: " + e.getMessage());
    }
  }

  /** Checks the watched posts; returns how many were found deleted and marked. */
  int check() throws IOException, InterruptedException, TokenUnavailable {
    posts.forgetExpired();
    List<String> watched = posts.watched(PER_CHECK);
    int deleted = 0;
    for (int from = 0; from < watched.size(); from += BATCH) {
      for (String missing :
          missing(watched.subList(from, Math.min(watched.size(), from + BATCH)))) {
        if (confirmedDeleted(missing) && mark(missing)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  /** The posts of {@code batch} that getPosts does not return. */
  private List<String> missing(List<String> batch)
      throws IOException, InterruptedException, TokenUnavailable {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    for (String postId : batch) {
      BlueskyIds.fromPostId(postId).ifPresent(ref -> query.add(Map.entry("uris", ref.uri())));
    }
    BlueskyXrpc.Answer answer = xrpc.get("app.bsky.feed.getPosts", query, null);
    if (!answer.ok()) {
      throw new IOException("getPosts answered " + answer.problem());
    }
    Set<String> found = new HashSet<>();
    for (JsonNode post : answer.json().path("posts")) {
      BlueskyIds.fromUri(post.path("uri").asText(null)).ifPresent(ref -> found.add(ref.postId()));
    }
    return batch.stream().filter(id -> !found.contains(id)).toList();
  }

  private boolean confirmedDeleted(String postId)
      throws IOException, InterruptedException, TokenUnavailable {
    BlueskyIds.PostRef ref = BlueskyIds.fromPostId(postId).orElseThrow();
    BlueskyXrpc.Answer thread =
        xrpc.get(
            "app.bsky.feed.getPostThread",
            List.of(
                Map.entry("uri", ref.uri()),
                Map.entry("depth", "0"),
                Map.entry("parentHeight", "0")),
            null);
    return thread.status() == 400 && "NotFound".equals(thread.errorName());
  }

  private boolean mark(String postId) {
    try {
      ingest.accept(
          new InboundEvent.PostDeleted(
              new PostKey(BlueskyPostReader.NETWORK, postId), clock.instant()));
    } catch (Ingest.IngestUnavailableException e) {
      log.warn("bluesky: the host cannot store the deletion of {} now; next check", postId);
      return false;
    }
    try {
      return posts.markDeleted(postId);
    } catch (ChannelStorageException e) {
      // The host has it; the next check hands it again, which the host takes as a duplicate.
      log.warn("bluesky: cannot record the deletion of {}: {}", postId, e.toString());
      return true;
    }
  }
}
