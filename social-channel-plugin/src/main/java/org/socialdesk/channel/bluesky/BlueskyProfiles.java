package org.socialdesk.channel.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.oauth.TokenUnavailable;

/**
 * Follower counts of the customers who wrote, for their influence: notifications carry a short
 * profile without counts, so the detailed profiles are read with {@code
 * app.bsky.actor.getProfiles}, 25 actors a call (the lexicon's limit). A count is only ever an
 * input to priority: when the AppView cannot answer, the posts go in with the count unknown (0)
 * rather than wait.
 */
final class BlueskyProfiles {

  private static final Logger log = LoggerFactory.getLogger(BlueskyProfiles.class);

  static final int ACTORS_PER_CALL = 25;

  private final BlueskyXrpc xrpc;

  BlueskyProfiles(BlueskyXrpc xrpc) {
    this.xrpc = xrpc;
  }

  /** The follower count of each DID the AppView knows; absent ones are unknown. */
  Map<String, Long> followers(Collection<String> dids) throws InterruptedException {
    List<String> all = dids.stream().distinct().toList();
    Map<String, Long> counts = new HashMap<>();
    for (int from = 0; from < all.size(); from += ACTORS_PER_CALL) {
      List<String> batch = all.subList(from, Math.min(all.size(), from + ACTORS_PER_CALL));
      if (!read(batch, counts)) {
        break;
      }
    }
    return counts;
  }

  private boolean read(List<String> batch, Map<String, Long> into) throws InterruptedException {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    batch.forEach(did -> query.add(Map.entry("actors", did)));
    try {
      BlueskyXrpc.Answer answer = xrpc.get("app.bsky.actor.getProfiles", query, null);
      if (!answer.ok()) {
        log.warn(
            "bluesky: getProfiles answered {}; follower counts unknown for now",
            UntrustedText.forLog(answer.problem()));
        return false;
      }
      for (JsonNode profile : answer.json().path("profiles")) {
        JsonNode count = profile.path("followersCount");
        if (count.canConvertToLong() && count.asLong() >= 0) {
          into.put(profile.path("did").asText(""), count.asLong());
        }
      }
      return true;
    } catch (IOException | TokenUnavailable e) {
      log.warn(
          "bluesky: reading profiles failed; follower counts unknown for now: {}",
          UntrustedText.forLog(e.getMessage()));
      return false;
    }
  }
}
