package org.socialdesk.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sentiment.influence.AuthorHistory;
import org.socialdesk.sentiment.influence.InfluenceScorer;
import org.socialdesk.sentiment.language.LanguageDetector;
import org.socialdesk.sentiment.model.SentimentModel;
import org.socialdesk.sentiment.priority.PriorityRule;

/** The enricher with the shipped default model and language detector. */
class SentimentEnricherTest {

  private static final SentimentConfig CONFIG =
      new SentimentConfig(null, null, null, null, "Sales", null, null);

  private static final LanguageDetector LANGUAGES =
      LanguageDetector.forLanguages(CONFIG.languages());
  private static final SentimentModel MODEL = SentimentModel.readDefault(LANGUAGES);

  private final SentimentEnricher enricher =
      new SentimentEnricher(
          () -> LANGUAGES,
          () -> MODEL,
          new InfluenceScorer(CONFIG.influence(), Clock.systemUTC()),
          new PriorityRule(CONFIG.priority()),
          post ->
              post.author().handle().equals("journalist")
                  ? new AuthorHistory(0, 0, "press")
                  : AuthorHistory.NONE,
          CONFIG);

  @Test
  void anAngryPostFromAVipIsNegativeVipAndTopPriority() {
    Enrichment enrichment =
        enricher.enrich(
            post(
                "journalist",
                250_000,
                "This is the worst airline ever, lost my bag AGAIN. Never flying with you."),
            Enrichment.NONE);

    assertThat(enrichment.language()).isEqualTo("en");
    assertThat(enrichment.sentiment().label()).isEqualTo(Sentiment.Label.NEGATIVE);
    assertThat(enrichment.influence().tier()).isEqualTo(Influence.Tier.VIP);
    assertThat(enrichment.intent()).isEqualTo(Intent.COMPLAINT);
    assertThat(enrichment.priority()).isEqualTo(99);
  }

  @Test
  void aThaiThankYouIsPositiveAndLowPriority() {
    Enrichment enrichment =
        enricher.enrich(
            post("somchai", 80, "ขอบคุณมากค่ะ บริการดีมาก ประทับใจสุดๆ"), Enrichment.NONE);

    assertThat(enrichment.language()).isEqualTo("th");
    assertThat(enrichment.sentiment().label()).isEqualTo(Sentiment.Label.POSITIVE);
    assertThat(enrichment.priority()).isLessThan(30);
  }

  @Test
  void aPersianPostGetsItsLanguage() {
    Enrichment enrichment =
        enricher.enrich(
            post("sara", 300, "خیلی بد بود، سفارشم هنوز نرسیده و کسی جواب نمیده"), Enrichment.NONE);

    assertThat(enrichment.language()).isEqualTo("fa");
    assertThat(enrichment.sentiment().label()).isEqualTo(Sentiment.Label.NEGATIVE);
  }

  @Test
  void spamIsClosedWithANoteAndLeadsGoToTheSalesQueue() {
    Enrichment spam =
        enricher.enrich(
            post("bot", 5, "Earn money fast with crypto https://spam.example #crypto #forex"),
            Enrichment.NONE);
    Enrichment lead =
        enricher.enrich(
            post("buyer", 50, "How much is the family plan? I want to buy it today"),
            Enrichment.NONE);

    assertThat(spam.intent()).isEqualTo(Intent.SPAM);
    assertThat(spam.closeNote()).contains("spam");
    assertThat(spam.priority()).isZero();
    assertThat(lead.intent()).isEqualTo(Intent.PURCHASE_INTENT);
    assertThat(lead.queue()).isEqualTo("Sales");
  }

  @Test
  void itKeepsWhatEarlierEnrichersFound() {
    Enrichment earlier = Enrichment.NONE.withField("Campaign", "black-friday");

    assertThat(enricher.enrich(post("a", 1, "ok"), earlier).fields())
        .containsEntry("Campaign", "black-friday");
  }

  private static SocialPost post(String handle, long followers, String text) {
    Author author = new Author("x", handle, handle, handle, followers, false, 0, null);
    return new SocialPost(
        new PostKey("x", handle + "-1"),
        handle + "-1",
        null,
        author,
        text,
        Instant.now(),
        Visibility.PUBLIC,
        null,
        Engagement.NONE,
        Map.of());
  }
}
