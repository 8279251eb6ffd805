package org.socialdesk.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SentimentModelTest {
  private static SentimentModel model;

  @BeforeAll
  static void train() {
    model = new SentimentTrainer(SentimentTrainerTest.SMALL, TestData.languages())
        .train(List.of(new Corpus("toy", SentimentTrainerTest.synthetic(), 1, 1)));
  }

  @Test
  void saveAndLoadRoundTripGivesIdenticalPredictions() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    model.save(out);
    SentimentModel loaded =
        SentimentModel.load(new ByteArrayInputStream(out.toByteArray()), TestData.languages());

    for (String text : List.of("lovely day", "awful, awful", "on tuesday", "", "😀 ok", "ไม่ดี")) {
      assertThat(loaded.probabilities(text)).isEqualTo(model.probabilities(text));
      assertThat(loaded.classify(text)).isEqualTo(model.classify(text));
    }
    assertThat(loaded.description()).isEqualTo(model.description());
  }

  @Test
  void probabilitiesSumToOne() {
    double[] p = model.probabilities("the hotel was lovely");
    assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void restrictingToALabelSubsetNeverPredictsAnotherLabel() {
    EnumSet<Label> binary = EnumSet.of(Label.NEGATIVE, Label.POSITIVE);
    Prediction p = model.classify("the museum on tuesday", binary);

    assertThat(model.classify("the museum on tuesday").label()).isEqualTo(Label.NEUTRAL);
    assertThat(p.label()).isIn(Label.NEGATIVE, Label.POSITIVE);
    assertThat(p.score()).isBetween(0.5, 1.0);
  }

  @Test
  void loadRejectsAStreamThatIsNoModel() {
    assertThatThrownBy(() -> SentimentModel.load(new ByteArrayInputStream(new byte[] {1, 2, 3}), TestData.languages()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void defaultModelShipsInTheJarAndGetsObviousCasesRight() {
    SentimentModel m = SentimentModel.readDefault(TestData.languages());

    assertThat(m.classify("I love this, thank you so much! Best service ever :)").label())
        .isEqualTo(Label.POSITIVE);
    assertThat(m.classify("Worst airline ever. Lost my bag and nobody helps. I hate this").label())
        .isEqualTo(Label.NEGATIVE);
    assertThat(m.classify("ขอบคุณมากค่ะ ชอบมาก ดีมากๆ").label()).isEqualTo(Label.POSITIVE);
  }
}
