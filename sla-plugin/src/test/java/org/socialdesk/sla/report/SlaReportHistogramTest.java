package org.socialdesk.sla.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlaReportHistogramTest {

  /** Nearest rank over the sorted list, as the report defined it before it read histograms. */
  private static long nearestRank(List<Long> sorted, double p) {
    return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
  }

  @Test
  void histogramGivesTheSameMeanMedianAndP90AsTheSortedValues() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int size = 1 + random.nextInt(300);
      List<Long> values = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        values.add((long) random.nextInt(round % 2 == 0 ? 20 : 100_000)); // many repeats, then few
      }
      List<Long> sorted = values.stream().sorted().toList();
      double mean =
          Math.round(sorted.stream().mapToLong(Long::longValue).average().orElseThrow() * 10)
              / 10.0;

      assertThat(SlaReport.Durations.of(values))
          .isEqualTo(
              new SlaReport.Durations(mean, nearestRank(sorted, 0.5), nearestRank(sorted, 0.9)));
    }
  }

  @Test
  void mergedHistogramsGiveThePercentilesOfAllValues() {
    SlaReport.Histogram x = new SlaReport.Histogram();
    x.add(600, 3);
    SlaReport.Histogram mastodon = new SlaReport.Histogram();
    mastodon.add(60, 1);
    mastodon.add(7_200, 1);
    SlaReport.Histogram total = new SlaReport.Histogram();
    total.addAll(x);
    total.addAll(mastodon);

    // 60, 600, 600, 600, 7200: median the 3rd, p90 the 5th.
    assertThat(total.durations()).isEqualTo(new SlaReport.Durations(1812.0, 600, 7_200));
    assertThat(new SlaReport.Histogram().durations()).isNull();
  }
}
