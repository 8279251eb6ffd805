package org.socialdesk.channel.bluesky;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * The customers' posts taken in, in {@code bluesky_post}: each is checked for deletion until its
 * {@code watch_until}, since Bluesky tells nobody that a post was deleted.
 */
final class BlueskyPosts {

  private final ChannelJdbc jdbc;
  private final Duration watch;
  private final Clock clock;

  BlueskyPosts(DataSource dataSource, Duration watch, Clock clock) {
    this.jdbc = new ChannelJdbc(dataSource);
    this.watch = watch;
    this.clock = clock;
  }

  /** Watches the post from now on (again, if it was taken in before). */
  void watch(String postId) {
    Instant until = clock.instant().plus(watch);
    if (jdbc.update(
            "bluesky: watch post " + postId,
            "update bluesky_post set watch_until = ? where post_id = ? and deleted_at is null",
            until,
            postId)
        == 0) {
      jdbc.insertIfAbsent(
          "bluesky: watch post " + postId,
          "insert into bluesky_post (post_id, watch_until) values (?, ?)",
          postId,
          until);
    }
  }

  /** Up to {@code limit} watched posts not known deleted, the longest-watched first. */
  List<String> watched(int limit) {
    return jdbc.queryList(
        "bluesky: read the watched posts",
        "select post_id from bluesky_post where deleted_at is null and watch_until > ?"
            + " order by watch_until fetch first "
            + limit
            + " rows only",
        row -> row.getString(1),
        clock.instant());
  }

  boolean isWatched(String postId) {
    return jdbc.queryOne(
            "bluesky: is post " + postId + " watched",
            "select 1 from bluesky_post where post_id = ? and deleted_at is null and watch_until > ?",
            row -> true,
            postId,
            clock.instant())
        .isPresent();
  }

  long watchedCount() {
    return jdbc.queryOne(
            "bluesky: count the watched posts",
            "select count(*) from bluesky_post where deleted_at is null and watch_until > ?",
            row -> row.getLong(1),
            clock.instant())
        .orElse(0L);
  }

  /** True when the post was watched and is now marked deleted for the first time. */
  boolean markDeleted(String postId) {
    return jdbc.update(
            "bluesky: mark post " + postId + " deleted",
            "update bluesky_post set deleted_at = ? where post_id = ? and deleted_at is null",
            clock.instant(),
            postId)
        > 0;
  }

  /** Forgets the posts no longer watched. */
  int forgetExpired() {
    return jdbc.update(
        "bluesky: forget posts past their watch",
        "delete from bluesky_post where watch_until <= ?",
        clock.instant());
  }
}
