package org.socialdesk.sentiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.socialdesk.sentiment.language.LanguageDetector;

/**
 * Finds the shared sentiment data folder (../shared from the project root, or the setting
 * socialdesk.sentiment.data / $SOCIALDESK_SENTIMENT_DATA). Tests that need it are skipped on a
 * developer's machine without it, and fail on CI.
 */
public final class TestData {
  private TestData() {}

  /** One detector of the default languages for all tests (it takes a moment to build). */
  private static final class Languages {
    static final LanguageDetector DEFAULT = LanguageDetector.forDefaultLanguages();
  }

  public static LanguageDetector languages() {
    return Languages.DEFAULT;
  }

  public static Optional<Path> sentimentDir() {
    String configured =
        System.getProperty("socialdesk.sentiment.data", System.getenv("SOCIALDESK_SENTIMENT_DATA"));
    Path[] candidates = {
      configured == null ? null : Path.of(configured),
      Path.of("../../shared/data/sentiment"),
      Path.of("../shared/data/sentiment"),
    };
    for (Path p : candidates) {
      if (p != null && Files.isRegularFile(p.resolve("en-semeval-train.tsv"))) {
        return Optional.of(p);
      }
    }
    if (System.getenv("CI") != null) {
      // On CI the data sits beside the clone; its absence is a broken setup, not a reason to skip.
      throw new IllegalStateException(
          "shared sentiment data not found beside the repository: tried "
              + java.util.Arrays.toString(candidates));
    }
    return Optional.empty();
  }
}
