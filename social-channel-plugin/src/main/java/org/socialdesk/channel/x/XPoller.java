package org.socialdesk.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest.IngestUnavailableException;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.oauth.TokenUnavailable;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * Polls one {@link XFeed}. A poll walks the feed's pages, newest first, down to the stored cursor
 * (or, the very first time, back to the backfill horizon), then hands every new item to the host
 * oldest first, and only when all are stored moves the cursor to the newest id it saw. Nothing is
 * lost on the way:
 *
 * <ul>
 *   <li>a rate limit (X's 429, or the pacer) pauses the walk; the next poll resumes it from the
 *       page it stopped at, once the limit has reset;
 *   <li>an error answer, a network failure or an unavailable ingest drops the walk; the next poll
 *       starts again from the old cursor, and the host's inbox answers DUPLICATE for whatever was
 *       stored already.
 * </ul>
 */
final class XPoller {

  /** What one poll did. */
  enum Result {
    /** The walk finished: new items stored, cursor moved (or nothing new). */
    COMPLETED,
    /** A rate limit stopped the walk; it resumes at the next poll after the reset. */
    PAUSED,
    /** The walk failed and is dropped; the next poll starts again from the old cursor. */
    FAILED
  }

  private static final Logger log = LoggerFactory.getLogger(XPoller.class);

  private final XFeed feed;
  private final XApi api;
  private final XCursors cursors;
  private final XDelivery delivery;
  private final Clock clock;
  private final Duration backfill;
  private Walk walk;

  XPoller(
      XFeed feed, XApi api, XCursors cursors, XDelivery delivery, Clock clock, Duration backfill) {
    this.feed = feed;
    this.api = api;
    this.cursors = cursors;
    this.delivery = delivery;
    this.clock = clock;
    this.backfill = backfill;
  }

  /** For the scheduler: one poll that never throws (a thrown exception would end the schedule). */
  synchronized void pollQuietly() {
    try {
      pollOnce();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("x: polling {} failed unexpectedly; retrying at the next poll", feed.name(), e);
      walk = null;
    }
  }

  synchronized Result pollOnce() throws InterruptedException {
    try {
      if (walk == null) {
        String cursor = cursors.read(feed.cursorKey()).orElse(null);
        walk = new Walk(cursor, cursor == null ? clock.instant().minus(backfill) : null);
      }
      while (!walk.finished) {
        walk.add(page());
      }
    } catch (XRateLimited e) {
      log.info(
          "x: {} paused after {} page(s): {}",
          feed.name(),
          walk.pages,
          UntrustedText.forLog(e.getMessage()));
      return Result.PAUSED;
    } catch (IOException | ChannelStorageException | XAnswerException | TokenUnavailable e) {
      log.warn(
          "x: polling {} failed, retrying from the stored cursor at the next poll: {}",
          feed.name(),
          UntrustedText.forLog(e));
      walk = null;
      return Result.FAILED;
    }
    Walk done = walk;
    walk = null;
    return deliver(done);
  }

  private JsonNode page()
      throws XRateLimited, TokenUnavailable, IOException, InterruptedException, XAnswerException {
    XApi.Answer answer =
        api.get(
            feed.endpoint(),
            feed.path(),
            feed.query(walk.cursor, walk.nextToken, walk.backfillFrom),
            feed.token());
    if (!answer.isSuccess()) {
      throw new XAnswerException(feed.endpoint() + " answered " + answer.problem());
    }
    return answer.json();
  }

  private Result deliver(Walk done) {
    List<XInbound> items = new ArrayList<>(done.items.values());
    items.sort((a, b) -> XIds.compare(a.id(), b.id()));
    try {
      int stored = delivery.deliver(items);
      if (done.newestId != null && XIds.isNewer(done.newestId, done.cursor)) {
        cursors.write(feed.cursorKey(), done.newestId);
      }
      if (!items.isEmpty()) {
        log.info(
            "x: {}: {} new of {} read; cursor now {}",
            feed.name(),
            stored,
            items.size(),
            UntrustedText.forLog(done.newestId));
      }
      return Result.COMPLETED;
    } catch (IngestUnavailableException e) {
      log.warn(
          "x: {}: the host cannot store events ({}); the cursor stays at {}, retrying at the next poll",
          feed.name(),
          UntrustedText.forLog(e.getMessage()),
          UntrustedText.forLog(done.cursor));
      return Result.FAILED;
    } catch (ChannelStorageException e) {
      log.warn(
          "x: {}: stored {} item(s) but cannot move the cursor; they will be re-read as duplicates",
          feed.name(),
          items.size(),
          e);
      return Result.FAILED;
    }
  }

  /** One pass down the pages, kept across polls while a rate limit pauses it. */
  private final class Walk {
    final String cursor;
    final Instant backfillFrom;
    final Map<String, XInbound> items = new LinkedHashMap<>();
    String nextToken;
    String newestId;
    int pages;
    boolean finished;

    Walk(String cursor, Instant backfillFrom) {
      this.cursor = cursor;
      this.backfillFrom = backfillFrom;
    }

    void add(JsonNode page) {
      pages++;
      boolean reachedEnd = false;
      for (JsonNode entry : page.path("data")) {
        String id = XJson.text(entry, "id");
        if (id == null) {
          continue;
        }
        newestId = XIds.newer(newestId, id);
        reachedEnd |= !XIds.isNewer(id, cursor) || isBeforeBackfill(id);
      }
      newestId = XIds.newer(newestId, XJson.text(page.path("meta"), "newest_id"));
      for (XInbound item : feed.read(page)) {
        if (XIds.isNewer(item.id(), cursor) && !isBeforeBackfill(item.id())) {
          items.putIfAbsent(item.id(), item);
        }
      }
      nextToken = XJson.text(page.path("meta"), "next_token");
      finished = reachedEnd || nextToken == null || nextToken.isEmpty();
    }

    private boolean isBeforeBackfill(String id) {
      Instant at = XIds.timeOf(id);
      return backfillFrom != null && at != null && at.isBefore(backfillFrom);
    }
  }

  /** X answered with an error status. */
  private static final class XAnswerException extends Exception {
    XAnswerException(String message) {
      super(message);
    }
  }
}
