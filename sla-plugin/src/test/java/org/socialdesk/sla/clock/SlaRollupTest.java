package org.socialdesk.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.socialdesk.sla.TestingDatabase;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.report.SlaReport;

class SlaRollupTest {

  private static final long SEED = 20_261_123L;

  @Test
  void reportsFromTheRollupEqualEveryClockReadAfterRandomEventsAcrossMidnights() {
    SlaRollupScenario scenario = new SlaRollupScenario(TestingDatabase.create(), SEED, "t");
    SlaReport report = new SlaReport(scenario.jdbc, scenario.policies);
    Random periods = new Random(SEED + 1);
    for (int round = 0; round < 8; round++) {
      scenario.run(40);
      for (int i = 0; i < 12; i++) {
        assertSameReports(report, scenario.jdbc, randomPeriod(periods, scenario.clock.instant()));
      }
    }
  }

  @Test
  void aPeriodOfWholeDaysAPartialDayAndNoWholeDayAllMatchTheClocks() {
    SlaRollupScenario scenario = new SlaRollupScenario(TestingDatabase.create(), SEED + 2, "t");
    scenario.run(150);
    SlaReport report = new SlaReport(scenario.jdbc, scenario.policies);
    for (Instant[] period :
        List.of(
            new Instant[] {
              Instant.parse("2026-03-08T00:00:00Z"), Instant.parse("2026-03-12T00:00:00Z")
            }, // whole days
            new Instant[] {
              Instant.parse("2026-03-08T23:00:00Z"), Instant.parse("2026-03-09T23:00:00Z")
            }, // Berlin's day
            new Instant[] {
              Instant.parse("2026-03-09T05:00:00Z"), Instant.parse("2026-03-09T17:00:00Z")
            }, // no whole day
            new Instant[] {
              Instant.parse("2026-03-09T00:00:00Z"), Instant.parse("2026-03-09T00:00:00Z")
            })) { // empty
      assertSameReports(report, scenario.jdbc, period);
    }
  }

  @Test
  void concurrentWritersKeepTheRollupEqualToTheClocks() throws Exception {
    DataSource dataSource = TestingDatabase.create();
    List<SlaRollupScenario> writers = new ArrayList<>();
    List<Callable<Void>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      SlaRollupScenario writer = new SlaRollupScenario(dataSource, SEED + 10 + i, "w" + i + "-");
      writers.add(writer);
      runs.add(
          () -> {
            writer.run(
                120); // all on the same days and keys: the same rollup rows, at the same time
            return null;
          });
    }
    try (var threads = Executors.newFixedThreadPool(runs.size())) {
      for (var result : threads.invokeAll(runs)) {
        result.get();
      }
    }
    SlaJdbc jdbc = writers.getFirst().jdbc;
    assertSameReports(
        new SlaReport(jdbc, writers.getFirst().policies),
        jdbc,
        new Instant[] {
          SlaRollupScenario.START.minus(Duration.ofDays(1)),
          SlaRollupScenario.START.plus(Duration.ofDays(9))
        });
  }

  @Test
  void theChangesetBuildsTheRollupTheWritersKeep() throws Exception {
    SlaRollupScenario.assertUpgradeBuildsTheRollupTheWritersKeep(
        TestingDatabase.create(), SEED + 3);
  }

  @Test
  void bucketsFollowTheOrderOfTheirValuesAndAreAtMostTenPercentWide() {
    assertThat(
            List.of(
                SlaRollup.bucket(0),
                SlaRollup.bucket(99),
                SlaRollup.bucket(100),
                SlaRollup.bucket(109),
                SlaRollup.bucket(110),
                SlaRollup.bucket(999),
                SlaRollup.bucket(1_000),
                SlaRollup.bucket(1_099)))
        .containsExactly(0L, 99L, 100L, 100L, 101L, 189L, 190L, 190L);
    long previous = Long.MIN_VALUE;
    long first = 0;
    for (long seconds = -5; seconds < 2_000_000; seconds++) {
      long bucket = SlaRollup.bucket(seconds);
      assertThat(bucket).isGreaterThanOrEqualTo(previous);
      if (bucket != previous) {
        first = seconds;
      }
      assertThat(seconds - first).isLessThanOrEqualTo(Math.max(0, first / 10));
      previous = bucket;
    }
  }

  private static Instant[] randomPeriod(Random random, Instant now) {
    Instant a =
        SlaRollupScenario.START
            .minus(Duration.ofHours(30))
            .plusSeconds(
                random.nextLong(
                    Duration.between(SlaRollupScenario.START, now).toSeconds() + 200_000));
    Instant b =
        random.nextInt(4) == 0
            ? a.truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .plus(Duration.ofDays(1 + random.nextInt(3)))
            : a.plusSeconds(random.nextLong(300_000));
    if (random.nextInt(4) == 0) {
      a = a.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    }
    return new Instant[] {a, b};
  }

  private static void assertSameReports(SlaReport report, SlaJdbc jdbc, Instant[] period) {
    for (String groupBy : SlaReport.GROUP_COLUMNS.keySet()) {
      assertThat(report.compute(period[0], period[1], groupBy))
          .as("%s from %s to %s", groupBy, period[0], period[1])
          .isEqualTo(SlaRollupScenario.oracle(jdbc, period[0], period[1], groupBy));
    }
  }
}
