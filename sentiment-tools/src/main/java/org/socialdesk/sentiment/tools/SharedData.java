package org.socialdesk.sentiment.tools;

import java.nio.file.Path;

/**
 * Where the tools find the shared labelled data when no folder is given: the setting {@code
 * -Dsocialdesk.sentiment.data} or {@code $SOCIALDESK_SENTIMENT_DATA}, else {@code
 * ../shared/data/sentiment} from the project root (the tools run from there, as train.sh does).
 */
final class SharedData {
  private SharedData() {}

  static Path sentimentDir(String[] positional, int index) {
    if (positional.length > index) {
      return Path.of(positional[index]);
    }
    String configured =
        System.getProperty("socialdesk.sentiment.data", System.getenv("SOCIALDESK_SENTIMENT_DATA"));
    return Path.of(configured != null ? configured : "../shared/data/sentiment");
  }
}
