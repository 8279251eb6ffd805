package org.socialdesk.channel.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.json.ChannelJson;
import org.socialdesk.channel.oauth.TokenUnavailable;
import org.socialdesk.channel.storage.ChannelCursors;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * Reads the brand's mention, reply and quote notifications newer than the cursor, and hands the
 * customers' posts to the host oldest first. Bluesky lists notifications newest first and pages
 * backwards, so a poll reads pages until it reaches the cursor (the {@code indexedAt} of the newest
 * notification taken), at most {@link #MAX_PAGES}. The cursor moves past a notification only once
 * the host stored its post; notifications at the cursor's own instant are read again and the host
 * answers {@code DUPLICATE} (its inbox holds one row per post), so nothing is doubled across
 * restarts. Without a cursor (first start) only the newest page is taken. The brand's own posts are
 * never taken as customers'. One poll at a time.
 */
final class BlueskyPoller {

  private static final Logger log = LoggerFactory.getLogger(BlueskyPoller.class);

  static final int PAGE_SIZE = 50;
  static final int MAX_PAGES = 20;

  /** How a poll ended. */
  enum Outcome {
    CAUGHT_UP,
    INGEST_UNAVAILABLE,
    FAILED,
    RATE_LIMITED
  }

  private final BlueskyConfig config;
  private final BlueskyXrpc xrpc;
  private final BlueskySession session;
  private final ChannelCursors cursors;
  private final BlueskyPostReader reader;
  private final BlueskyProfiles profiles;
  private final BlueskyPosts posts;
  private final Ingest ingest;
  private final BlueskyStatus status;
  private final Clock clock;
  private final ReentrantLock oneAtATime = new ReentrantLock();
  private volatile Instant notBefore = Instant.MIN;

  BlueskyPoller(
      BlueskyConfig config,
      BlueskyXrpc xrpc,
      BlueskySession session,
      ChannelCursors cursors,
      BlueskyPostReader reader,
      BlueskyProfiles profiles,
      BlueskyPosts posts,
      Ingest ingest,
      BlueskyStatus status,
      Clock clock) {
    this.config = config;
    this.xrpc = xrpc;
    this.session = session;
    this.cursors = cursors;
    this.reader = reader;
    this.profiles = profiles;
    this.posts = posts;
    this.ingest = ingest;
    this.status = status;
    this.clock = clock;
  }

  static String cursorKey(BlueskyConfig config) {
    return "bluesky:notifications:" + config.handle();
  }

  /** For the scheduler: logs instead of throwing. */
  void pollQuietly() {
    try {
      poll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.atError().setCause(e).log("bluesky: polling notifications failed unexpectedly");
    }
  }

  Outcome poll() throws InterruptedException {
    oneAtATime.lockInterruptibly();
    try {
      if (clock.instant().isBefore(notBefore)) {
        return Outcome.RATE_LIMITED;
      }
      Outcome outcome = walk();
      status.polled(clock.instant(), outcome.name().toLowerCase().replace('_', ' '));
      return outcome;
    } catch (ChannelStorageException | IOException | TokenUnavailable e) {
      log.warn(
          "bluesky: polling notifications failed; trying again from the cursor next time: {}",
          UntrustedText.forLog(e));
      status.polled(clock.instant(), "failed: " + e.getMessage());
      return Outcome.FAILED;
    } finally {
      oneAtATime.unlock();
    }
  }

  private Outcome walk() throws IOException, InterruptedException, TokenUnavailable {
    Optional<String> stored = cursors.read(cursorKey(config));
    Instant since = stored.map(ChannelJson::instant).orElse(null);
    List<JsonNode> fresh = new ArrayList<>();
    String page = null;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      BlueskyXrpc.Answer answer =
          xrpc.get("app.bsky.notification.listNotifications", query(page), null);
      if (answer.status() == 429) {
        notBefore = clock.instant().plus(BlueskyRateLimit.retryAfter(answer, clock.instant()));
        status.rateLimited(notBefore);
        log.warn("bluesky: rate limited while polling; next poll after {}", notBefore);
        return Outcome.RATE_LIMITED;
      }
      if (!answer.ok()) {
        log.warn("bluesky: listNotifications answered {}", UntrustedText.forLog(answer.problem()));
        return Outcome.FAILED;
      }
      JsonNode json = answer.json();
      boolean reachedCursor = collect(json.path("notifications"), since, fresh);
      page = json.path("cursor").asText(null);
      if (since == null || reachedCursor || page == null || page.isBlank()) {
        break;
      }
    }
    fresh.sort(Comparator.comparing(BlueskyPoller::indexedAt));
    String brand = session.did();
    Map<String, Long> followers = profiles.followers(customers(fresh, brand));
    for (JsonNode notification : fresh) {
      if (!take(notification, brand, followers)) {
        return Outcome.INGEST_UNAVAILABLE;
      }
    }
    return Outcome.CAUGHT_UP;
  }

  private static List<String> customers(List<JsonNode> notifications, String brand) {
    return notifications.stream()
        .map(notification -> notification.path("author").path("did").asText(""))
        .filter(did -> !did.isEmpty() && !did.equals(brand))
        .distinct()
        .toList();
  }

  private static List<Map.Entry<String, String>> query(String page) {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    query.add(Map.entry("limit", String.valueOf(PAGE_SIZE)));
    BlueskyPostReader.REASONS.stream().sorted().forEach(r -> query.add(Map.entry("reasons", r)));
    if (page != null) {
      query.add(Map.entry("cursor", page));
    }
    return query;
  }

  /** Adds the page's notifications at or after {@code since}; true when the page reached it. */
  private static boolean collect(JsonNode page, Instant since, List<JsonNode> into) {
    boolean reached = false;
    for (JsonNode notification : page) {
      Instant at = indexedAt(notification);
      if (since != null && at.isBefore(since)) {
        reached = true;
        continue;
      }
      if (BlueskyPostReader.REASONS.contains(notification.path("reason").asText(""))) {
        into.add(notification);
      }
    }
    return reached;
  }

  private static Instant indexedAt(JsonNode notification) {
    Instant at = ChannelJson.instant(notification.path("indexedAt").asText(null));
    return at != null ? at : Instant.EPOCH;
  }

  /** Hands one post to the host, then moves the cursor; false when the host cannot store. */
  private boolean take(JsonNode notification, String brand, Map<String, Long> followers) {
    String uri = notification.path("uri").asText("");
    String author = notification.path("author").path("did").asText("");
    if (!brand.equals(author)) {
      try {
        SocialPost post = reader.post(notification, followers.getOrDefault(author, 0L));
        ingest.accept(new InboundEvent.NewPost(post));
        posts.watch(post.key().postId());
        status.tookIn(clock.instant());
      } catch (Ingest.IngestUnavailableException e) {
        log.warn(
            "bluesky: the host cannot store {} now; polling again from the cursor later: {}",
            UntrustedText.forLog(uri),
            UntrustedText.forLog(e.getMessage()));
        return false;
      } catch (IllegalArgumentException e) {
        log.warn(
            "bluesky: quarantining {}: {}",
            UntrustedText.forLog(uri),
            UntrustedText.forLog(e.getMessage()));
        try {
          ingest.quarantine(
              BlueskyPostReader.NETWORK,
              notification.toString(),
              "cannot read the notification: " + e.getMessage());
        } catch (Ingest.IngestUnavailableException unavailable) {
          return false;
        }
      }
    }
    cursors.write(cursorKey(config), indexedAt(notification).toString());
    return true;
  }
}
