package org.socialdesk.channel.bluesky;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.socialdesk.channel.storage.ChannelCursors;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * What an admin sees of the channel ({@code GET /api/channels/bluesky/status}): the last poll and
 * its outcome, the cursors, the session, a rate limit in force, the posts watched for deletion, and
 * the last problem of each part.
 */
final class BlueskyStatus {

  private final BlueskyConfig config;
  private final BlueskySession session;
  private final ChannelCursors cursors;
  private final BlueskyPosts posts;
  private volatile Instant lastPollAt;
  private volatile String lastPollResult = "not polled yet";
  private volatile Instant lastIntakeAt;
  private volatile Instant rateLimitedUntil;
  private volatile String lastDeletionCheck = "not checked yet";
  private volatile String lastDmPoll = "not polled yet";
  private volatile String lastPublishProblem;

  BlueskyStatus(
      BlueskyConfig config, BlueskySession session, ChannelCursors cursors, BlueskyPosts posts) {
    this.config = config;
    this.session = session;
    this.cursors = cursors;
    this.posts = posts;
  }

  void polled(Instant at, String result) {
    lastPollAt = at;
    lastPollResult = result;
  }

  void tookIn(Instant at) {
    lastIntakeAt = at;
  }

  void rateLimited(Instant until) {
    rateLimitedUntil = until;
  }

  void deletionChecked(Instant at, String result) {
    lastDeletionCheck = at + ": " + result;
  }

  void dmPolled(Instant at, String result) {
    lastDmPoll = at + ": " + result;
  }

  void publishProblem(String problem) {
    lastPublishProblem = problem;
  }

  Map<String, Object> toJson(Instant now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("network", BlueskyPostReader.NETWORK);
    json.put("pds", config.pdsUrl().toString());
    json.put("handle", config.handle());
    json.put(
        "state",
        rateLimitedUntil != null && now.isBefore(rateLimitedUntil)
            ? "rate limited until " + rateLimitedUntil
            : session.failure() != null ? "cannot sign in" : "running");
    json.put("lastPollAt", text(lastPollAt));
    json.put("lastPollResult", lastPollResult);
    json.put("lastIntakeAt", text(lastIntakeAt));
    json.put("rateLimitedUntil", text(rateLimitedUntil));
    json.put("sessionExpiresAt", text(session.expiresAt()));
    json.put("sessionProblem", session.failure());
    json.put("lastDeletionCheck", lastDeletionCheck);
    json.put("dms", config.dms() ? lastDmPoll : "off");
    json.put("lastPublishProblem", lastPublishProblem);
    try {
      json.put("cursor", cursors.read(BlueskyPoller.cursorKey(config)).orElse(null));
      json.put("dmCursor", cursors.read(BlueskyDms.cursorKey(config)).orElse(null));
      json.put("watchedPosts", posts.watchedCount());
    } catch (ChannelStorageException e) {
      json.put("storageProblem", e.getMessage());
    }
    return json;
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
