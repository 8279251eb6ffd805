package org.socialdesk.sentiment;

import java.util.List;

/**
 * The sentiment plugin's section, {@code plugins.sentiment}.
 *
 * @param languages ISO 639-1 codes the language detector chooses among; default en, th, fa, ar,
 *     es, de, fr, it, pt, hi
 */
public record SentimentConfig(List<String> languages) {

  public SentimentConfig {
    languages = languages != null ? List.copyOf(languages) : List.of("en", "th", "fa", "ar", "es", "de", "fr", "it", "pt", "hi");
  }
}
