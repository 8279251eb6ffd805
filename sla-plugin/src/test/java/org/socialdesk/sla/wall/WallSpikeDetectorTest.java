package org.socialdesk.sla.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WallSpikeDetectorTest {

  private static final Instant T = Instant.parse("2026-03-13T15:00:00Z");
  private final WallSpikeDetector detector = new WallSpikeDetector();

  private void negatives(int minutesAgo, int count) {
    for (int i = 0; i < count; i++) {
      detector.negative(T.minusSeconds(minutesAgo * 60L).plusSeconds(i));
    }
  }

  @Test
  void fiveNegativePostsAfterAQuietHalfHourAlert() {
    negatives(0, 5);
    assertThat(detector.check(T.plusSeconds(30)))
        .satisfies(
            s -> {
              assertThat(s.alert()).isTrue();
              assertThat(s.lastMinute()).isEqualTo(5);
              assertThat(s.median()).isEqualTo(0.0);
            });
  }

  @Test
  void fourAreNotEnoughEvenAfterSilence() {
    negatives(0, 4);
    assertThat(detector.check(T.plusSeconds(30)).alert()).isFalse();
  }

  @Test
  void theBaselineIsTheMedianOfTheThirtyMinutesBefore() {
    for (int m = 1; m <= 30; m++) {
      negatives(m, 3); // a busy normal: 3 a minute
    }
    negatives(0, 9);
    assertThat(detector.check(T.plusSeconds(30)))
        .satisfies(
            s -> {
              assertThat(s.median()).isEqualTo(3.0);
              assertThat(s.alert()).isFalse(); // 9 is not more than 3 x 3
            });
    negatives(0, 1);
    assertThat(detector.check(T.plusSeconds(30)).alert()).isTrue();
  }

  @Test
  void theAlertEndsWhenTheMinuteIsOverAndOldMinutesAreForgotten() {
    negatives(0, 8);
    assertThat(detector.check(T.plusSeconds(59)).alert()).isTrue();
    assertThat(detector.check(T.plusSeconds(60)).alert()).isFalse(); // now part of the baseline
    assertThat(detector.check(T.plusSeconds(40 * 60)).lastMinute()).isZero();
    negatives(0, 2); // reused ring slots start from zero
    assertThat(detector.check(T).lastMinute()).isEqualTo(10);
  }
}
