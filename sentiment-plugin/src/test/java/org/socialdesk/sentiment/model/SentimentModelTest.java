package org.socialdesk.sentiment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialdesk.sentiment.TestData;

class SentimentModelTest {
  private static SentimentModel model;

  @BeforeAll
  static void train() {
    model =
        new SentimentTrainer(SentimentTrainerTest.SMALL, TestData.languages())
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
  void aVersion1FileStoredBeforeThaiWordSplittingLoadsWithItsOwnFeatures() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.io.DataOutputStream d =
        new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(bytes))) {
      d.writeInt(0x53444d31);
      d.writeInt(1);
      d.writeUTF("a brand model of version 1");
      d.writeInt(4); // 2^4 buckets, char 1-5, no flags field in version 1
      d.writeInt(1);
      d.writeInt(5);
      for (float b : new float[] {0.5f, -0.25f, 1f}) {
        d.writeFloat(b);
      }
      for (int i = 0; i < 16 * 3; i++) {
        d.writeShort(Float.floatToFloat16(0f));
      }
    }

    SentimentModel v1 =
        SentimentModel.load(new ByteArrayInputStream(bytes.toByteArray()), TestData.languages());

    assertThat(v1.extractor().thaiWords).isFalse();
    assertThat(v1.bias()).containsExactly(0.5f, -0.25f, 1f);
    assertThat(v1.description()).isEqualTo("a brand model of version 1");
  }

  @Test
  void aSavedModelKeepsItsThaiWordSetting() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    model.save(out);

    SentimentModel loaded =
        SentimentModel.load(new ByteArrayInputStream(out.toByteArray()), TestData.languages());

    assertThat(loaded.extractor().thaiWords).isEqualTo(model.extractor().thaiWords).isTrue();
  }

  @Test
  void loadRejectsAStreamThatIsNoModel() {
    assertThatThrownBy(
            () ->
                SentimentModel.load(
                    new ByteArrayInputStream(new byte[] {1, 2, 3}), TestData.languages()))
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
