package org.socialdesk.channel.youtube;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.socialdesk.channel.storage.ChannelCursors;

/**
 * What an admin sees of the channel ({@code GET /api/channels/youtube/status}): the last poll, its
 * outcome and units, when the next one is due, the cursor, and the quota (units spent and left, the
 * reply reserve, the reset, and whether YouTube said the quota is exceeded).
 */
final class YouTubeStatus {

  private final YouTubeConfig config;
  private final YouTubeQuota quota;
  private final ChannelCursors cursors;
  private volatile Instant lastPollAt;
  private volatile String lastPollResult = "not polled yet";
  private volatile long lastPollUnits;
  private volatile Instant nextPollAt = Instant.MIN;
  private volatile String lastPublishProblem;

  YouTubeStatus(YouTubeConfig config, YouTubeQuota quota, ChannelCursors cursors) {
    this.config = config;
    this.quota = quota;
    this.cursors = cursors;
  }

  void polled(Instant at, String result, long units, Instant next) {
    lastPollAt = at;
    lastPollResult = result;
    lastPollUnits = units;
    nextPollAt = next;
  }

  void publishProblem(String problem) {
    lastPublishProblem = problem;
  }

  Instant nextPollAt() {
    return nextPollAt;
  }

  /** Why the channel can do nothing now (YouTube said the quota is exceeded), if so. */
  Optional<String> blocked(Instant now) {
    YouTubeQuota.State state = quota.state();
    return state.blocked(now)
        ? Optional.of(
            "youtube: the quota is exceeded; polls and replies wait until " + state.exceededUntil())
        : Optional.empty();
  }

  Map<String, Object> toJson(Instant now) {
    YouTubeQuota.State state = quota.state();
    Map<String, Object> quotaJson = new LinkedHashMap<>();
    quotaJson.put("day", state.day().toString());
    quotaJson.put("dailyUnits", state.dailyUnits());
    quotaJson.put("unitsUsed", state.used());
    quotaJson.put("unitsLeft", state.unitsLeft());
    quotaJson.put("replyReserve", state.replyReserve());
    quotaJson.put("pollUnitsLeft", state.pollUnitsLeft());
    quotaJson.put("resetAt", state.resetAt().toString());
    quotaJson.put("exceededUntil", state.blocked(now) ? state.exceededUntil().toString() : null);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("network", YouTubeCommentReader.NETWORK);
    json.put("channelId", config.channelId());
    json.put("state", blocked(now).isPresent() ? "waiting for the quota's reset" : "running");
    json.put("lastPollAt", lastPollAt == null ? null : lastPollAt.toString());
    json.put("lastPollResult", lastPollResult);
    json.put("lastPollUnits", lastPollUnits);
    json.put("nextPollAt", nextPollAt.equals(Instant.MIN) ? null : nextPollAt.toString());
    json.put("cursor", cursors.read(YouTubePoller.cursorKey(config.channelId())).orElse(null));
    json.put("lastPublishProblem", lastPublishProblem);
    json.put(
        "moderation",
        config.moderation().holdLikelySpam() ? "holds likely spam for review" : "off");
    json.put("quota", quotaJson);
    return json;
  }
}
