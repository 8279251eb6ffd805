package org.socialdesk.channel.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;

class YouTubeQuotaTest {

  private final SettableClock clock = new SettableClock(YouTubeStubs.NOW);
  private DataSource database;

  @BeforeEach
  void freshDatabase() {
    database = TestingDatabase.shared(ChannelChangelog.RESOURCE, "youtube_quota");
  }

  private YouTubeQuota quota(int daily, int reserve) {
    return new YouTubeQuota(
        database, YouTubeStubs.BRAND, new YouTubeConfig.Quota(daily, reserve), clock);
  }

  @Test
  void theDayEndsAtMidnightPacificTimeInWinterAndInSummer() {
    // PST (UTC-8) in December, PDT (UTC-7) in July; and the day of the switch itself.
    assertThat(YouTubeQuota.resetAfter(Instant.parse("2026-12-03T10:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-04T08:00:00Z"));
    assertThat(YouTubeQuota.resetAfter(Instant.parse("2026-07-01T06:59:59Z")))
        .isEqualTo(Instant.parse("2026-07-01T07:00:00Z"));
    assertThat(YouTubeQuota.resetAfter(Instant.parse("2026-03-08T09:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-09T07:00:00Z"));
    assertThat(YouTubeQuota.resetAfter(Instant.parse("2026-11-01T08:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));
  }

  @Test
  void pollsNeverSpendTheReplyReserveButRepliesMay() {
    YouTubeQuota quota = quota(200, 100);
    for (int i = 0; i < 100; i++) {
      assertThat(quota.reserve(YouTubeQuota.LIST_COST, YouTubeQuota.Use.POLL)).isEmpty();
    }

    assertThat(quota.reserve(YouTubeQuota.LIST_COST, YouTubeQuota.Use.POLL))
        .contains(Instant.parse("2026-12-04T08:00:00Z"));
    assertThat(quota.reserve(YouTubeQuota.INSERT_COST, YouTubeQuota.Use.PUBLISH)).isEmpty();
    assertThat(quota.reserve(YouTubeQuota.INSERT_COST, YouTubeQuota.Use.PUBLISH)).isEmpty();
    assertThat(quota.reserve(YouTubeQuota.INSERT_COST, YouTubeQuota.Use.PUBLISH)).isPresent();
    assertThat(quota.state().used()).isEqualTo(200);
  }

  @Test
  void quotaExceededBlocksEverythingUntilTheResetAndANewDayStartsAtZero() {
    YouTubeQuota quota = quota(10_000, 2_500);
    quota.reserve(5, YouTubeQuota.Use.POLL);

    Instant until = quota.exceeded();

    assertThat(until).isEqualTo(Instant.parse("2026-12-04T08:00:00Z"));
    assertThat(quota.reserve(YouTubeQuota.INSERT_COST, YouTubeQuota.Use.PUBLISH)).contains(until);
    clock.set(until);
    assertThat(quota.state().used()).isZero();
    assertThat(quota.reserve(YouTubeQuota.INSERT_COST, YouTubeQuota.Use.PUBLISH)).isEmpty();
  }

  @Test
  void twoInstancesSharingTheDatabaseCountTheSameUnits() {
    YouTubeQuota one = quota(200, 100);
    YouTubeQuota other = quota(200, 100);
    for (int i = 0; i < 50; i++) {
      one.reserve(1, YouTubeQuota.Use.POLL);
      other.reserve(1, YouTubeQuota.Use.POLL);
    }

    assertThat(one.reserve(1, YouTubeQuota.Use.POLL)).isPresent();
    assertThat(other.state().used()).isEqualTo(100);
  }

  @Test
  void pollsAreSpacedSoThatTheDaysPollUnitsLastUntilTheReset() {
    YouTubeQuota quota = quota(10_000, 2_500);

    // 22 hours to the reset, 7,500 poll units, 3 units a poll: 2,500 polls, one every 31.68 s: the
    // 60 s floor wins.
    assertThat(quota.pollSpacing(Duration.ofSeconds(60), 3)).isEqualTo(Duration.ofSeconds(60));
    // 100 units a poll: 75 polls in 22 hours, one every 17.6 minutes.
    assertThat(quota.pollSpacing(Duration.ofSeconds(60), 100))
        .isEqualTo(Duration.ofHours(22).dividedBy(75));
    for (int i = 0; i < 75; i++) {
      quota.reserve(100, YouTubeQuota.Use.POLL);
    }
    assertThat(quota.pollSpacing(Duration.ofSeconds(60), 1)).isEqualTo(Duration.ofHours(22));
  }
}
