package org.socialdesk.channel.youtube;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * The threads whose replies the channel reads on every poll, in the plugin's table {@code
 * youtube_thread}: those the brand answered (from Socialdesk or on YouTube itself), until {@code
 * watch} after its last reply. YouTube lists threads by their top-level comment's time, so a
 * customer's answer to the brand in an older thread would not be met by the walk down the newest
 * threads.
 */
final class YouTubeThreads {

  private final ChannelJdbc jdbc;
  private final String channelId;
  private final Clock clock;

  YouTubeThreads(DataSource dataSource, String channelId, Clock clock) {
    this.jdbc = new ChannelJdbc(dataSource);
    this.channelId = channelId;
    this.clock = clock;
  }

  /** A watched thread and the time of its newest reply already read (null: none yet). */
  record Watched(String threadId, Instant repliesSeenUntil) {}

  /** Watches {@code threadId} until {@code until}, or longer if it is watched longer already. */
  void watch(String threadId, Instant until) {
    int moved =
        jdbc.update(
            "youtube: watch thread " + threadId,
            "update youtube_thread set watch_until = ? where channel_id = ? and thread_id = ? and watch_until < ?",
            until,
            channelId,
            threadId,
            until);
    if (moved == 0) {
      jdbc.insertIfAbsent(
          "youtube: watch thread " + threadId,
          "insert into youtube_thread (channel_id, thread_id, replies_seen_until, watch_until)"
              + " select ?, ?, null, ? where not exists (select 1 from youtube_thread where channel_id = ? and thread_id = ?)",
          channelId,
          threadId,
          until,
          channelId,
          threadId);
    }
  }

  /** The threads watched now, the first to expire first; expired ones are forgotten. */
  List<Watched> watched() {
    Instant now = clock.instant();
    jdbc.update(
        "youtube: forget threads no longer watched",
        "delete from youtube_thread where channel_id = ? and watch_until <= ?",
        channelId,
        now);
    return jdbc.queryList(
        "youtube: read the watched threads",
        "select thread_id, replies_seen_until from youtube_thread where channel_id = ? and watch_until > ? order by watch_until",
        row ->
            new Watched(row.getString("thread_id"), ChannelJdbc.instant(row, "replies_seen_until")),
        channelId,
        now);
  }

  /** Replies of {@code threadId} up to {@code at} are stored. */
  void seen(String threadId, Instant at) {
    jdbc.update(
        "youtube: move the reply cursor of thread " + threadId,
        "update youtube_thread set replies_seen_until = ? where channel_id = ? and thread_id = ?"
            + " and (replies_seen_until is null or replies_seen_until < ?)",
        at,
        channelId,
        threadId,
        at);
  }
}
