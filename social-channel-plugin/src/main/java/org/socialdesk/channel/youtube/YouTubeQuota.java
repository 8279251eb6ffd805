package org.socialdesk.channel.youtube;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * The day's YouTube Data API units, counted in the plugin's table {@code youtube_quota} so that a
 * restart and several instances sharing the database count the same units: each call reserves its
 * cost with one conditional update before it is sent. Polls may not spend the {@code
 * reply-reserve}, so replies always find units; when YouTube answers {@code quotaExceeded} all
 * calls wait until the quota's daily reset, midnight Pacific time (DST included: the reset is
 * midnight in America/Los_Angeles, not a fixed UTC hour).
 */
final class YouTubeQuota {

  static final int LIST_COST = 1;
  static final int INSERT_COST = 50;
  static final int MODERATION_COST = 50;
  static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

  /**
   * What a call is for: polls spend only what the reply reserve leaves; replies and moderation may
   * spend it all.
   */
  enum Use {
    POLL,
    PUBLISH
  }

  private final ChannelJdbc jdbc;
  private final String channelId;
  private final YouTubeConfig.Quota limits;
  private final Clock clock;

  YouTubeQuota(DataSource dataSource, String channelId, YouTubeConfig.Quota limits, Clock clock) {
    this.jdbc = new ChannelJdbc(dataSource);
    this.channelId = channelId;
    this.limits = limits;
    this.clock = clock;
  }

  /** The quota as it stands, for the status and the poll spacing. */
  record State(
      LocalDate day,
      long used,
      long dailyUnits,
      long replyReserve,
      Instant resetAt,
      Instant exceededUntil) {

    long pollUnitsLeft() {
      return Math.max(0, dailyUnits - replyReserve - used);
    }

    long unitsLeft() {
      return Math.max(0, dailyUnits - used);
    }

    boolean blocked(Instant now) {
      return exceededUntil != null && now.isBefore(exceededUntil);
    }
  }

  /** When the quota day that holds {@code at} ends: the next midnight in America/Los_Angeles. */
  static Instant resetAfter(Instant at) {
    return at.atZone(PACIFIC).toLocalDate().plusDays(1).atStartOfDay(PACIFIC).toInstant();
  }

  static LocalDate dayOf(Instant at) {
    return at.atZone(PACIFIC).toLocalDate();
  }

  /**
   * Reserves {@code cost} units for one call. Empty when reserved; else the instant from which the
   * call may be tried again (the reset), and nothing was reserved.
   */
  Optional<Instant> reserve(int cost, Use use) {
    Instant now = clock.instant();
    State state = state();
    if (state.blocked(now)) {
      return Optional.of(state.exceededUntil());
    }
    long ceiling =
        use == Use.POLL ? limits.dailyUnits() - limits.replyReserve() : limits.dailyUnits();
    int updated =
        jdbc.update(
            "youtube: reserve " + cost + " quota unit(s) of " + channelId,
            "update youtube_quota set units_used = units_used + ?, updated_at = ? where channel_id = ? and quota_day = ?"
                + " and units_used + ? <= ? and (exceeded_until is null or exceeded_until <= ?)",
            cost,
            now,
            channelId,
            state.day().toString(),
            cost,
            ceiling,
            now);
    return updated == 1 ? Optional.empty() : Optional.of(state.resetAt());
  }

  /** YouTube answered quotaExceeded: nothing more is sent before the reset. */
  Instant exceeded() {
    Instant now = clock.instant();
    State state = state();
    jdbc.update(
        "youtube: mark the quota of " + channelId + " exceeded",
        "update youtube_quota set exceeded_until = ?, updated_at = ? where channel_id = ? and quota_day = ?",
        state.resetAt(),
        now,
        channelId,
        state.day().toString());
    return state.resetAt();
  }

  /** Today's row, created or reset to zero on a new quota day. */
  State state() {
    Instant now = clock.instant();
    LocalDate today = dayOf(now);
    jdbc.insertIfAbsent(
        "youtube: create the quota row of " + channelId,
        "insert into youtube_quota (channel_id, quota_day, units_used, exceeded_until, updated_at)"
            + " select ?, ?, 0, null, ? where not exists (select 1 from youtube_quota where channel_id = ?)",
        channelId,
        today.toString(),
        now,
        channelId);
    jdbc.update(
        "youtube: start a new quota day for " + channelId,
        "update youtube_quota set quota_day = ?, units_used = 0, exceeded_until = null, updated_at = ?"
            + " where channel_id = ? and quota_day <> ?",
        today.toString(),
        now,
        channelId,
        today.toString());
    return jdbc.queryOne(
            "youtube: read the quota of " + channelId,
            "select units_used, exceeded_until from youtube_quota where channel_id = ?",
            row ->
                new State(
                    today,
                    row.getLong("units_used"),
                    limits.dailyUnits(),
                    limits.replyReserve(),
                    resetAfter(now),
                    ChannelJdbc.instant(row, "exceeded_until")),
            channelId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "youtube_quota has no row for "
                        + channelId
                        + " although it was just inserted"));
  }

  /**
   * How long to wait before the next poll, so that the units polls may spend last until the reset:
   * the day's remaining poll units spread evenly over the time left, at {@code unitsPerPoll} a
   * poll, never more often than {@code shortest}. Polls resume at the reset when none are left.
   */
  Duration pollSpacing(Duration shortest, long unitsPerPoll) {
    Instant now = clock.instant();
    State state = state();
    Duration toReset = Duration.between(now, state.resetAt());
    if (state.blocked(now) || state.pollUnitsLeft() < Math.max(1, unitsPerPoll)) {
      return toReset;
    }
    long pollsLeft = state.pollUnitsLeft() / Math.max(1, unitsPerPoll);
    Duration spread = toReset.dividedBy(pollsLeft);
    return spread.compareTo(shortest) > 0 ? spread : shortest;
  }
}
