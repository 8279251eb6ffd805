package org.socialdesk.sentiment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socialdesk.sentiment.TestData;

/**
 * Runs the real training path on the first rows of a few shared train files, so that it cannot rot
 * in CI. Skipped when the shared data folder is not there.
 */
class SmallSampleTrainingTest {

  @Test
  void trainingOnTheFirstRowsOfRealFilesBeatsChanceOnValRows() {
    Path data = TestData.sentimentDir().orElse(null);
    assumeTrue(data != null, "shared sentiment data not found");
    List<Corpus> corpora = new ArrayList<>();
    for (String name : List.of("en-semeval", "th-wisesight", "fa-insta", "es-xlmt")) {
      List<LabelledText> rows = Tsv.read(data.resolve(name + "-train.tsv"), 300);
      corpora.add(new Corpus(name, rows, 1, 1));
    }
    SentimentModel m =
        new SentimentTrainer(
                SentimentTrainer.Options.defaults().withBits(18).withMaxIterations(60).withL2(1e-4),
                TestData.languages())
            .train(corpora);

    Evaluation fa = Evaluation.of(m, Tsv.read(data.resolve("fa-insta-val.tsv"), 300));
    Evaluation en = Evaluation.of(m, Tsv.read(data.resolve("en-tweeteval-val.tsv"), 300));
    assertThat(fa.accuracy()).isGreaterThan(0.6);
    assertThat(en.macroRecall()).isGreaterThan(0.4);
  }

  @Test
  void defaultCorporaLeaveOutTheNonCommercialAirlineData() {
    assertThat(SentimentTrainer.DEFAULT_SOURCES)
        .extracting(SentimentTrainer.Source::file)
        .noneMatch(f -> f.contains("airline"))
        .noneMatch(f -> f.contains("-val"));
  }
}
