package org.socialdesk.channel.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

class LineLanguageEnricherTest {

  private final LineLanguageEnricher enricher = new LineLanguageEnricher();

  @Test
  void takesTheProfilesLanguageWhenTheTextToldNone() {
    assertThat(enricher.enrich(post("line", "th"), Enrichment.NONE).language()).isEqualTo("th");
  }

  @Test
  void keepsTheLanguageDetectedInTheText() {
    assertThat(enricher.enrich(post("line", "th"), Enrichment.NONE.withLanguage("fa")).language())
        .isEqualTo("fa");
  }

  @Test
  void leavesOtherNetworksAlone() {
    assertThat(enricher.enrich(post("x", "th"), Enrichment.NONE).language()).isNull();
  }

  private static SocialPost post(String network, String language) {
    return new SocialPost(
        new PostKey(network, "1"),
        "1",
        null,
        Author.of(network, "u", "u"),
        "[sticker] (package 1, sticker 2)",
        Instant.parse("2026-12-01T00:00:00Z"),
        Visibility.PRIVATE,
        null,
        Engagement.NONE,
        Map.of(LineLanguageEnricher.ATTRIBUTE, language));
  }
}
