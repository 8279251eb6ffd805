package org.socialdesk.sentiment.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {

  @TempDir Path dir;

  @Test
  void withNeitherOptionNorSettingItSaysHowToNameTheFolder() {
    TrainingData.Located located = TrainingData.locate(null, "  ");

    assertThat(located)
        .isInstanceOfSatisfying(
            TrainingData.Missing.class,
            m ->
                assertThat(m.message())
                    .contains(
                        "--data DIR", "plugins.sentiment.training-data", "en-semeval-train.tsv"));
  }

  @Test
  void aFolderThatDoesNotExistIsNamedWithWhereItCameFrom() {
    TrainingData.Located located = TrainingData.locate(null, dir.resolve("nowhere").toString());

    assertThat(located)
        .isInstanceOfSatisfying(
            TrainingData.Missing.class,
            m ->
                assertThat(m.message())
                    .startsWith("plugins.sentiment.training-data names ")
                    .contains("nowhere", "not a folder"));
  }

  @Test
  void aFolderWithoutTheRecipesFilesListsTheMissingOnes() throws IOException {
    Files.writeString(dir.resolve("en-semeval-train.tsv"), "positive\tgreat\n");

    TrainingData.Located located = TrainingData.locate(dir, null);

    assertThat(located)
        .isInstanceOfSatisfying(
            TrainingData.Missing.class,
            m ->
                assertThat(m.message())
                    .startsWith("--data names ")
                    .contains("th-wisesight-train.tsv")
                    .doesNotContain("en-semeval-train.tsv"));
  }

  @Test
  void theOptionWinsOverTheSettingWhenTheFolderIsComplete() throws IOException {
    for (String file : TrainingData.requiredFiles()) {
      Files.writeString(dir.resolve(file), "neutral\tok\n");
    }

    TrainingData.Located located = TrainingData.locate(dir, "/somewhere/else");

    assertThat(located).isEqualTo(new TrainingData.Found(new TrainingData(dir, "--data")));
  }
}
