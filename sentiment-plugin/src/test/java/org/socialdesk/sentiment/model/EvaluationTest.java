package org.socialdesk.sentiment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class EvaluationTest {

  @Test
  void computesAccuracyAndMacroRecallFromAHandComputedConfusionMatrix() {
    // gold rows negative, neutral, positive; predicted columns in the same order
    Evaluation e =
        Evaluation.ofConfusion(
            new long[][] {
              {8, 2, 0}, // negative: recall 8/10
              {3, 3, 4}, // neutral:  recall 3/10
              {0, 5, 15}, // positive: recall 15/20
            });

    assertThat(e.total()).isEqualTo(40);
    assertThat(e.accuracy()).isCloseTo(26 / 40.0, offset(1e-12));
    assertThat(e.recall(Label.NEGATIVE)).isCloseTo(0.8, offset(1e-12));
    assertThat(e.recall(Label.NEUTRAL)).isCloseTo(0.3, offset(1e-12));
    assertThat(e.recall(Label.POSITIVE)).isCloseTo(0.75, offset(1e-12));
    assertThat(e.macroRecall()).isCloseTo((0.8 + 0.3 + 0.75) / 3, offset(1e-12));
    assertThat(e.count(Label.NEUTRAL, Label.POSITIVE)).isEqualTo(4);
  }

  @Test
  void macroRecallAveragesOnlyOverTheLabelsTheDataUses() {
    Evaluation e = Evaluation.ofConfusion(new long[][] {{9, 0, 1}, {0, 0, 0}, {2, 0, 8}});

    assertThat(e.labels()).isEqualTo(EnumSet.of(Label.NEGATIVE, Label.POSITIVE));
    assertThat(e.macroRecall()).isCloseTo((0.9 + 0.8) / 2, offset(1e-12));
    assertThat(e.confusionMarkdown()).contains("| negative | 9 | 1 |").doesNotContain("neutral");
  }

  @Test
  void questionLabelIsReadAsNeutral() {
    assertThat(Label.parse("question")).isEqualTo(Label.NEUTRAL);
    assertThat(Label.parse("positive")).isEqualTo(Label.POSITIVE);
  }
}
