package org.socialdesk.sentiment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socialdesk.sentiment.TestData;

class SentimentTrainerTest {

  static final SentimentTrainer.Options SMALL =
      SentimentTrainer.Options.defaults()
          .withBits(16)
          .withMaxIterations(100)
          .withL2(1e-4)
          .withThreads(1);

  /** Positive texts say "lovely", negative ones "awful", neutral ones neither. */
  static List<LabelledText> synthetic() {
    String[] topics = {
      "the hotel",
      "my flight",
      "this phone",
      "the pizza",
      "our trip",
      "the show",
      "her car",
      "the update",
      "his book",
      "the lesson"
    };
    List<LabelledText> rows = new ArrayList<>();
    for (String t : topics) {
      rows.add(new LabelledText(Label.POSITIVE, t + " was lovely"));
      rows.add(new LabelledText(Label.POSITIVE, "lovely, " + t + " today"));
      rows.add(new LabelledText(Label.NEGATIVE, t + " was awful"));
      rows.add(new LabelledText(Label.NEGATIVE, "awful, " + t + " today"));
      rows.add(new LabelledText(Label.NEUTRAL, t + " was on tuesday"));
      rows.add(new LabelledText(Label.NEUTRAL, "about " + t + " today"));
    }
    return rows;
  }

  @Test
  void learnsAnObviousSeparationOnATinySyntheticSet() {
    SentimentModel m =
        new SentimentTrainer(SMALL, TestData.languages())
            .train(List.of(new Corpus("toy", synthetic(), 1, 1)));

    assertThat(m.classify("the museum was lovely").label()).isEqualTo(Label.POSITIVE);
    assertThat(m.classify("awful museum").label()).isEqualTo(Label.NEGATIVE);
    assertThat(m.classify("the museum on tuesday").label()).isEqualTo(Label.NEUTRAL);
    assertThat(Evaluation.of(m, synthetic()).accuracy()).isEqualTo(1.0);
  }

  @Test
  void trainingIsReproducible() {
    List<Corpus> data = List.of(new Corpus("toy", synthetic(), 1, 1));
    SentimentModel a = new SentimentTrainer(SMALL, TestData.languages()).train(data);
    SentimentModel b = new SentimentTrainer(SMALL.withThreads(2), TestData.languages()).train(data);

    assertThat(a.weights()).isEqualTo(b.weights());
    assertThat(a.bias()).isEqualTo(b.bias());
  }

  @Test
  void classBalancingLiftsTheMinorityClass() {
    List<LabelledText> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(new LabelledText(Label.NEUTRAL, "item " + i + " shipped"));
    }
    rows.add(new LabelledText(Label.NEGATIVE, "item shipped broken"));
    rows.add(new LabelledText(Label.POSITIVE, "item shipped perfect"));
    SentimentModel balanced =
        new SentimentTrainer(SMALL, TestData.languages())
            .train(List.of(new Corpus("c", rows, 1, 1)));
    SentimentModel natural =
        new SentimentTrainer(SMALL, TestData.languages())
            .train(List.of(new Corpus("c", rows, 1, 0)));

    double pBalanced = balanced.probabilities("broken")[Label.NEGATIVE.ordinal()];
    double pNatural = natural.probabilities("broken")[Label.NEGATIVE.ordinal()];
    assertThat(pBalanced).isGreaterThan(pNatural);
  }

  @Test
  void corpusRejectsNonPositiveWeights() {
    assertThatThrownBy(() -> new Corpus("x", List.of(), 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lbfgsFindsTheMinimumOfAQuadratic() {
    double[] x = {5, -3};
    Lbfgs.Result r =
        new Lbfgs(5, 100, 1e-12)
            .minimize(
                (p, g) -> {
                  g[0] = 2 * (p[0] - 1);
                  g[1] = 20 * (p[1] + 2);
                  return (p[0] - 1) * (p[0] - 1) + 10 * (p[1] + 2) * (p[1] + 2);
                },
                x,
                null);

    assertThat(r.value()).isLessThan(1e-8);
    assertThat(x[0]).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(x[1]).isCloseTo(-2, org.assertj.core.data.Offset.offset(1e-4));
  }
}
