package org.socialdesk.channel.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.channel.Ingest.IngestUnavailableException;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.json.ChannelJson;
import org.socialdesk.channel.oauth.TokenUnavailable;
import org.socialdesk.channel.storage.ChannelCursors;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * Polls the brand's comments. A poll walks {@code commentThreads.list} (all threads related to the
 * channel, newest first) down to the stored cursor (the newest comment time already stored; the
 * very first time, the backfill horizon), reads the replies a thread has beyond those included
 * ({@code comments.list} with {@code parentId}), then the replies of the threads the brand answered
 * ({@link YouTubeThreads}), and, when moderation is on, holds the comments YouTube lists as likely
 * spam ({@link YouTubeModerator}). Everything new goes to the host oldest first; only when all is
 * stored does the cursor move. Comments at the cursor's own second are read again and answered
 * DUPLICATE by the inbox, so two comments of one second are never lost and none is doubled.
 *
 * <p>Polls are spaced by the quota ({@link YouTubeQuota#pollSpacing}); a spent quota or an error
 * ends the poll with what was read so far delivered and the cursor left where it was.
 */
final class YouTubePoller {

  private static final Logger log = LoggerFactory.getLogger(YouTubePoller.class);
  private static final YouTubeApi.Call THREADS =
      new YouTubeApi.Call("commentThreads.list", YouTubeQuota.LIST_COST, YouTubeQuota.Use.POLL);
  private static final YouTubeApi.Call REPLIES =
      new YouTubeApi.Call("comments.list", YouTubeQuota.LIST_COST, YouTubeQuota.Use.POLL);

  private final YouTubeConfig config;
  private final YouTubeApi api;
  private final YouTubeQuota quota;
  private final YouTubeCommentReader reader;
  private final ChannelCursors cursors;
  private final YouTubeThreads threads;
  private final YouTubeModerator moderator;
  private final Ingest ingest;
  private final YouTubeStatus status;
  private final Clock clock;

  YouTubePoller(
      YouTubeConfig config,
      YouTubeApi api,
      YouTubeQuota quota,
      ChannelCursors cursors,
      YouTubeThreads threads,
      YouTubeModerator moderator,
      Ingest ingest,
      YouTubeStatus status,
      Clock clock) {
    this.config = config;
    this.api = api;
    this.quota = quota;
    this.reader = new YouTubeCommentReader(config.channelId());
    this.cursors = cursors;
    this.threads = threads;
    this.moderator = moderator;
    this.ingest = ingest;
    this.status = status;
    this.clock = clock;
  }

  static String cursorKey(String channelId) {
    return "youtube:comments:" + channelId;
  }

  /** What one poll did. */
  enum Result {
    /** Everything new is stored and the cursor moved. */
    COMPLETED,
    /** The quota is spent: what was read is stored, the rest waits for the reset. */
    QUOTA_WAIT,
    /** An error: what was read is stored, the next poll starts again from the cursor. */
    FAILED
  }

  /** For the scheduler: polls when the quota's spacing allows, and never throws. */
  synchronized void pollWhenDue() {
    if (clock.instant().isBefore(status.nextPollAt())) {
      return;
    }
    try {
      pollOnce();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("youtube: polling failed unexpectedly; retrying at the next poll", e);
      status.polled(
          clock.instant(), "failed: " + e, 0, clock.instant().plus(config.pollInterval()));
    }
  }

  synchronized Result pollOnce() throws InterruptedException {
    // A cursor that does not read as a time (edited by hand) counts as none: the backfill horizon
    // again, never a poll stuck for good.
    Poll poll =
        new Poll(
            cursors.read(cursorKey(config.channelId())).map(ChannelJson::instant).orElse(null));
    Outcome read = read(poll);
    Outcome outcome =
        deliver(poll, read.result() == Result.COMPLETED) == Result.FAILED
            ? new Outcome(Result.FAILED, "failed: the host cannot store comments")
            : read;
    if (outcome.result() == Result.COMPLETED && !poll.held.isEmpty()) {
      outcome = hold(poll);
    }
    Instant now = clock.instant();
    status.polled(
        now,
        outcome.detail(),
        poll.units,
        now.plus(quota.pollSpacing(config.pollInterval(), Math.max(1, poll.units))));
    return outcome.result();
  }

  /** What a poll came to, and the line the status shows for it. */
  private record Outcome(Result result, String detail) {}

  private Outcome read(Poll poll) throws InterruptedException {
    try {
      walkThreads(poll);
      readWatchedThreads(poll);
      poll.held = moderator.likelySpam();
      poll.held.forEach(poll::add);
      poll.units += moderator.enabled() ? YouTubeQuota.LIST_COST : 0;
      return new Outcome(Result.COMPLETED, "ok");
    } catch (YouTubeQuotaWait e) {
      log.info("youtube: {}", UntrustedText.forLog(e.getMessage()));
      return new Outcome(Result.QUOTA_WAIT, "quota: " + e.getMessage());
    } catch (IOException | TokenUnavailable | YouTubeAnswerException | ChannelStorageException e) {
      log.warn(
          "youtube: polling failed, retrying from the stored cursor at the next poll: {}",
          UntrustedText.forLog(e));
      return new Outcome(Result.FAILED, "failed: " + e.getMessage());
    }
  }

  /**
   * Only once they are stored: a comment held first and lost by a crash would never be listed as
   * likely spam again.
   */
  private Outcome hold(Poll poll) throws InterruptedException {
    try {
      moderator.hold(poll.held);
      poll.units += YouTubeQuota.MODERATION_COST;
      return new Outcome(
          Result.COMPLETED, "ok; " + poll.held.size() + " comment(s) held for review");
    } catch (YouTubeQuotaWait e) {
      log.info("youtube: {}", UntrustedText.forLog(e.getMessage()));
      return new Outcome(Result.QUOTA_WAIT, "quota: " + e.getMessage());
    } catch (IOException | TokenUnavailable | YouTubeAnswerException e) {
      log.warn(
          "youtube: holding comments for review failed; retrying at the next poll: {}",
          UntrustedText.forLog(e));
      return new Outcome(Result.FAILED, "failed to hold likely spam for review: " + e.getMessage());
    }
  }

  private void walkThreads(Poll poll)
      throws YouTubeQuotaWait,
          TokenUnavailable,
          IOException,
          InterruptedException,
          YouTubeAnswerException {
    String pageToken = null;
    boolean reachedEnd = false;
    while (!reachedEnd) {
      JsonNode page = list(THREADS, "commentThreads", threadQuery(pageToken), poll);
      for (JsonNode thread : page.path("items")) {
        Instant top = YouTubeCommentReader.topLevelTime(thread);
        if (top != null && top.isBefore(poll.from)) {
          reachedEnd = true;
          continue;
        }
        takeThread(thread, poll);
      }
      String next = YouTubeJson.text(page, "nextPageToken");
      // A token answered twice would walk the same page until the quota is spent.
      reachedEnd |= next == null || next.isEmpty() || next.equals(pageToken);
      pageToken = next;
    }
  }

  private void takeThread(JsonNode thread, Poll poll)
      throws YouTubeQuotaWait,
          TokenUnavailable,
          IOException,
          InterruptedException,
          YouTubeAnswerException {
    List<YouTubeInbound> read = reader.thread(thread);
    read.forEach(item -> poll.take(item, poll.from));
    String threadId = YouTubeJson.text(thread.path("snippet").path("topLevelComment"), "id");
    int included = thread.path("replies").path("comments").size();
    if (threadId != null && thread.path("snippet").path("totalReplyCount").asInt(0) > included) {
      readReplies(threadId, poll.from, poll);
    }
  }

  private void readWatchedThreads(Poll poll)
      throws YouTubeQuotaWait,
          TokenUnavailable,
          IOException,
          InterruptedException,
          YouTubeAnswerException {
    for (YouTubeThreads.Watched watched : threads.watched()) {
      if (poll.repliesRead.contains(watched.threadId())) {
        continue;
      }
      Instant from = watched.repliesSeenUntil() != null ? watched.repliesSeenUntil() : poll.from;
      readReplies(watched.threadId(), from, poll);
      poll.watchedRead.add(watched.threadId());
    }
  }

  /**
   * Every page of {@code comments.list?parentId=}: YouTube does not promise their order, so all are
   * read.
   */
  private void readReplies(String threadId, Instant from, Poll poll)
      throws YouTubeQuotaWait,
          TokenUnavailable,
          IOException,
          InterruptedException,
          YouTubeAnswerException {
    String pageToken = null;
    do {
      List<Map.Entry<String, String>> query =
          new ArrayList<>(
              List.of(
                  Map.entry("part", "snippet"),
                  Map.entry("parentId", threadId),
                  Map.entry("maxResults", String.valueOf(config.maxResults())),
                  Map.entry("textFormat", "plainText")));
      if (pageToken != null) {
        query.add(Map.entry("pageToken", pageToken));
      }
      JsonNode page = list(REPLIES, "comments", query, poll);
      for (JsonNode reply : page.path("items")) {
        poll.take(reader.comment(reply, threadId, null), from);
      }
      String next = YouTubeJson.text(page, "nextPageToken");
      pageToken = next == null || next.isEmpty() || next.equals(pageToken) ? null : next;
    } while (pageToken != null);
    poll.repliesRead.add(threadId);
  }

  private List<Map.Entry<String, String>> threadQuery(String pageToken) {
    List<Map.Entry<String, String>> query =
        new ArrayList<>(
            List.of(
                Map.entry("part", "snippet,replies"),
                Map.entry("allThreadsRelatedToChannelId", config.channelId()),
                Map.entry("order", "time"),
                Map.entry("textFormat", "plainText"),
                Map.entry("maxResults", String.valueOf(config.maxResults()))));
    if (pageToken != null) {
      query.add(Map.entry("pageToken", pageToken));
    }
    return query;
  }

  private JsonNode list(
      YouTubeApi.Call call, String resource, List<Map.Entry<String, String>> query, Poll poll)
      throws YouTubeQuotaWait,
          TokenUnavailable,
          IOException,
          InterruptedException,
          YouTubeAnswerException {
    YouTubeApi.Answer answer = api.get(call, resource, query);
    poll.units += call.cost();
    if (!answer.isSuccess()) {
      throw new YouTubeAnswerException(call.method() + " answered " + answer.problem());
    }
    return answer.json();
  }

  /**
   * Hands what was read to the host, oldest first. The cursor and the watched threads' reply
   * cursors move only after a complete poll whose items are all stored.
   */
  private Result deliver(Poll poll, boolean complete) {
    List<YouTubeInbound> items = new ArrayList<>(poll.items.values());
    items.sort(
        Comparator.comparing(YouTubeInbound::at, Comparator.nullsFirst(Comparator.naturalOrder())));
    int stored = 0;
    try {
      for (YouTubeInbound item : items) {
        stored += deliver(item);
      }
      if (complete) {
        moveCursors(poll, items);
      } else if (poll.cursor == null) {
        // The backfill horizon of the first poll holds until a poll completes: a quota wait of
        // hours must not move it.
        cursors.write(cursorKey(config.channelId()), poll.from.toString());
      }
    } catch (IngestUnavailableException | ChannelStorageException e) {
      log.warn(
          "youtube: the host cannot store comments ({}); the cursor stays, retrying at the next poll",
          UntrustedText.forLog(e.getMessage()));
      return Result.FAILED;
    }
    if (!items.isEmpty()) {
      log.info("youtube: {} new of {} comment(s) read", stored, items.size());
    }
    return Result.COMPLETED;
  }

  private int deliver(YouTubeInbound item) {
    return switch (item) {
      case YouTubeInbound.Comment comment ->
          ingest.accept(new InboundEvent.NewPost(comment.post())) == Ingest.Accepted.STORED ? 1 : 0;
      case YouTubeInbound.Own own -> {
        threads.watch(own.threadId(), own.at().plus(config.watch()));
        yield 0;
      }
      case YouTubeInbound.Unreadable unreadable -> {
        ingest.quarantine(YouTubeCommentReader.NETWORK, unreadable.payload(), unreadable.reason());
        yield 0;
      }
    };
  }

  private void moveCursors(Poll poll, List<YouTubeInbound> items) {
    Instant newest =
        items.stream()
            .map(YouTubeInbound::at)
            .filter(at -> at != null)
            .max(Comparator.naturalOrder())
            .orElse(null);
    if (newest != null && (poll.cursor == null || newest.isAfter(poll.cursor))) {
      cursors.write(cursorKey(config.channelId()), newest.toString());
    } else if (poll.cursor == null) {
      cursors.write(cursorKey(config.channelId()), poll.from.toString());
    }
    for (String threadId : poll.watchedRead) {
      poll.newestReply(threadId).ifPresent(at -> threads.seen(threadId, at));
    }
  }

  /** What one poll read, by comment id (a reply met twice is kept once). */
  private final class Poll {
    final Instant cursor;
    final Instant from;
    final Map<String, YouTubeInbound> items = new LinkedHashMap<>();
    final Set<String> repliesRead = new HashSet<>();
    final Set<String> watchedRead = new HashSet<>();
    final Map<String, Instant> newestReplies = new LinkedHashMap<>();
    List<YouTubeInbound.Comment> held = List.of();
    long units;

    Poll(Instant cursor) {
      this.cursor = cursor;
      this.from = cursor != null ? cursor : clock.instant().minus(config.backfill());
    }

    void take(YouTubeInbound item, Instant since) {
      if (item.at() != null && item.at().isBefore(since)) {
        return;
      }
      String key =
          switch (item) {
            case YouTubeInbound.Comment comment -> comment.post().key().postId();
            case YouTubeInbound.Own own -> own.commentId();
            case YouTubeInbound.Unreadable unreadable ->
                "unreadable:" + unreadable.payload().hashCode();
          };
      items.putIfAbsent(key, item);
      String threadId =
          switch (item) {
            case YouTubeInbound.Comment comment -> comment.post().conversationId();
            case YouTubeInbound.Own own -> own.threadId();
            case YouTubeInbound.Unreadable unreadable -> null;
          };
      if (threadId != null && item.at() != null) {
        newestReplies.merge(threadId, item.at(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }

    void add(YouTubeInbound item) {
      take(item, Instant.MIN);
    }

    Optional<Instant> newestReply(String threadId) {
      return Optional.ofNullable(newestReplies.get(threadId));
    }
  }

  /** YouTube answered with an error status. */
  static final class YouTubeAnswerException extends Exception {
    private static final long serialVersionUID = 1L;

    YouTubeAnswerException(String message) {
      super(message);
    }
  }
}
