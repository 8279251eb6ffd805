package org.socialdesk.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.sla.TestingDatabase;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.report.SlaReport;
import org.socialdesk.testkit.TestingPostgres;

/**
 * The rollup on the real PostgreSQL of scripts/postgres, where it upserts with ON CONFLICT: writers
 * on several connections at once (as two instances would be) touching the same rollup rows neither
 * deadlock nor lose a change, and the changeset's SQL builds the same rollup there. Skipped without
 * SOCIALDESK_TEST_PG_URL on a developer's machine, failed on CI.
 */
class SlaRollupPostgresIT {

  private static final long SEED = 20_261_123L;

  private TestingPostgres postgres;

  @Test
  void concurrentWritersOnPostgresKeepTheRollupEqualToTheClocks() throws Exception {
    postgres = TestingPostgres.create(TestingDatabase.CHANGELOG);
    DataSource dataSource = postgres.dataSource();
    List<SlaRollupScenario> writers = new ArrayList<>();
    List<Callable<Void>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      SlaRollupScenario writer = new SlaRollupScenario(dataSource, SEED + 20 + i, "w" + i + "-");
      writers.add(writer);
      runs.add(
          () -> {
            writer.run(150);
            return null;
          });
    }
    try (var threads = Executors.newFixedThreadPool(runs.size())) {
      for (var result : threads.invokeAll(runs)) {
        result.get();
      }
    }

    SlaJdbc jdbc = writers.getFirst().jdbc;
    SlaReport report = new SlaReport(jdbc, writers.getFirst().policies);
    for (Instant[] period :
        List.of(
            new Instant[] {
              SlaRollupScenario.START.minus(Duration.ofDays(1)),
              SlaRollupScenario.START.plus(Duration.ofDays(9))
            },
            new Instant[] {
              Instant.parse("2026-03-08T23:00:00Z"), Instant.parse("2026-03-10T23:00:00Z")
            })) {
      for (String groupBy : SlaReport.GROUP_COLUMNS.keySet()) {
        assertThat(report.compute(period[0], period[1], groupBy))
            .as(groupBy)
            .isEqualTo(SlaRollupScenario.oracle(jdbc, period[0], period[1], groupBy));
      }
    }
  }

  @Test
  void theChangesetBuildsOnPostgresTheRollupTheWritersKeep() throws Exception {
    postgres = TestingPostgres.create(TestingDatabase.CHANGELOG);
    SlaRollupScenario.assertUpgradeBuildsTheRollupTheWritersKeep(postgres.dataSource(), SEED + 3);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }
}
