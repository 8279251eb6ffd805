package org.socialdesk.channel.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * Reads the brand's mention and edit notifications newer than the cursor, page after page ({@code
 * min_id}, then the {@code min_id} of each {@code rel="prev"} link) until caught up, oldest first,
 * and moves the cursor past each notification only once the host stored what it carried. When the
 * host cannot store, it stops; the next poll starts again from the cursor. Without a cursor (first
 * start) it takes the newest page only. After a 429 it waits until Mastodon's reset. One poll at a
 * time: the schedule and the stream's backfill share it.
 */
final class MastodonPoller {

  private static final Logger log = LoggerFactory.getLogger(MastodonPoller.class);

  /** Numeric ids: shorter is older; equal lengths compare as text. */
  static final Comparator<String> ID_ORDER =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  /** How a poll ended. */
  enum Outcome {
    /** Every notification up to now is stored. */
    CAUGHT_UP,
    /** The host could not store an event; the cursor stayed before it. */
    INGEST_UNAVAILABLE,
    /** Mastodon or the database failed; the cursor stayed where it was. */
    FAILED,
    /** Mastodon's rate limit; no call is made before its reset. */
    RATE_LIMITED
  }

  private final MastodonApi api;
  private final MastodonCursor cursor;
  private final MastodonInbound inbound;
  private final Clock clock;
  private final ReentrantLock oneAtATime = new ReentrantLock();
  private volatile Instant notBefore = Instant.MIN;

  MastodonPoller(MastodonApi api, MastodonCursor cursor, MastodonInbound inbound, Clock clock) {
    this.api = api;
    this.cursor = cursor;
    this.inbound = inbound;
    this.clock = clock;
  }

  /** For the scheduler: logs instead of throwing. */
  void pollQuietly() {
    try {
      poll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.atError().setCause(e).log("mastodon: polling notifications failed unexpectedly");
    }
  }

  Outcome poll() throws InterruptedException {
    oneAtATime.lockInterruptibly();
    try {
      if (clock.instant().isBefore(notBefore)) {
        return Outcome.RATE_LIMITED;
      }
      return walk();
    } catch (ChannelStorageException | IOException e) {
      log.warn(
          "mastodon: polling notifications failed; trying again from the cursor next time: {}",
          UntrustedText.forLog(e));
      return Outcome.FAILED;
    } finally {
      oneAtATime.unlock();
    }
  }

  private Outcome walk() throws IOException, InterruptedException {
    Optional<String> stored = cursor.read();
    String minId = stored.orElse(null);
    while (true) {
      MastodonApi.Answer answer = api.notifications(minId);
      if (answer.status() == 429) {
        Duration wait = MastodonRateLimit.retryAfter(answer, clock.instant());
        notBefore = clock.instant().plus(wait);
        log.warn("mastodon: rate limited while polling; next poll after {}", notBefore);
        return Outcome.RATE_LIMITED;
      }
      if (!answer.ok()) {
        log.warn(
            "mastodon: GET /api/v1/notifications answered {}",
            UntrustedText.forLog(answer.error()));
        return Outcome.FAILED;
      }
      List<JsonNode> page = oldestFirst(answer.json());
      for (JsonNode notification : page) {
        if (!take(notification)) {
          return Outcome.INGEST_UNAVAILABLE;
        }
      }
      if (page.size() < MastodonApi.PAGE_SIZE || minId == null) {
        return Outcome.CAUGHT_UP;
      }
      String newest = MastodonStatusReader.text(page.getLast(), "id");
      minId = MastodonLinks.newerMinId(answer.header("Link").orElse(null)).orElse(newest);
    }
  }

  /**
   * Hands one notification to the host, then moves the cursor; false when the host cannot store.
   */
  private boolean take(JsonNode notification) throws IOException, InterruptedException {
    String id = MastodonStatusReader.text(notification, "id");
    try {
      inbound.notification(notification);
    } catch (Ingest.IngestUnavailableException e) {
      log.warn(
          "mastodon: the host cannot store notification {} now; polling again from the cursor later: {}",
          UntrustedText.forLog(id),
          UntrustedText.forLog(e.getMessage()));
      return false;
    } catch (IllegalArgumentException e) {
      log.warn(
          "mastodon: quarantining notification {}, which Socialdesk cannot read: {}",
          UntrustedText.forLog(id),
          UntrustedText.forLog(e.getMessage()));
      try {
        inbound.quarantine(notification, "cannot read the notification: " + e.getMessage());
      } catch (Ingest.IngestUnavailableException unavailable) {
        return false;
      }
    }
    cursor.write(id);
    return true;
  }

  private static List<JsonNode> oldestFirst(JsonNode page) throws IOException {
    if (!page.isArray()) {
      throw new IOException("mastodon: notifications are not a list");
    }
    List<JsonNode> notifications = new ArrayList<>();
    for (JsonNode notification : page) {
      if (MastodonStatusReader.text(notification, "id") != null) {
        notifications.add(notification);
      }
    }
    notifications.sort(Comparator.comparing(n -> MastodonStatusReader.text(n, "id"), ID_ORDER));
    return notifications;
  }
}
