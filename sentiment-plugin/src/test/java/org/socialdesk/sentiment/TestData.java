package org.socialdesk.sentiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the shared sentiment data folder (beside the repository in CI, /work/shared locally). */
final class TestData {
  private TestData() {}

  static Optional<Path> sentimentDir() {
    String configured = System.getProperty("socialdesk.sentiment.data",
        System.getenv("SOCIALDESK_SENTIMENT_DATA"));
    Path[] candidates = {
      configured == null ? null : Path.of(configured),
      Path.of("../../shared/data/sentiment"),
      Path.of("../shared/data/sentiment"),
      Path.of("/work/shared/data/sentiment"),
    };
    for (Path p : candidates) {
      if (p != null && Files.isRegularFile(p.resolve("en-semeval-train.tsv"))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
