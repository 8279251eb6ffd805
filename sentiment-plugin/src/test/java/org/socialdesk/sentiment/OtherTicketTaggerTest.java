package org.socialdesk.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.socialdesk.api.helpdesk.TicketUpdate;

/** Tags for tickets opened by e-mail, with the shipped default model. */
class OtherTicketTaggerTest {

  private static final SentimentConfig CONFIG = new SentimentConfig(null, null, null, null, null, null, true);
  private static final LanguageDetector LANGUAGES = LanguageDetector.forLanguages(CONFIG.languages());
  private static final SentimentModel MODEL = SentimentModel.readDefault(LANGUAGES);

  private final OtherTicketTagger tagger = new OtherTicketTagger(() -> LANGUAGES, () -> MODEL, new PriorityRule(CONFIG.priority()), null);

  @Test
  void anAngryEmailIsANegativeEnglishComplaintWithAHigherPriorityThanAThankYou() {
    TicketUpdate angry = tagger.tags("Invoice is wrong", "You charged me twice. This is unacceptable, worst service ever.");
    TicketUpdate thanks = tagger.tags("Thank you", "Thanks a lot, the support was great and very helpful!");

    assertThat(angry.fields()).containsEntry("Sentiment", "negative").containsEntry("Language", "en").containsEntry("Intent", "complaint");
    assertThat(thanks.fields()).containsEntry("Sentiment", "positive").containsEntry("Language", "en");
    assertThat(angry.priority()).isGreaterThan(thanks.priority());
    assertThat(angry.fields()).doesNotContainKey("Influence");
  }

  @Test
  void aSubjectAloneIsEnoughAndTheLanguageIsTheMessagesOwn() {
    TicketUpdate thai = tagger.tags("", "ขอบคุณมากค่ะ บริการดีมาก ประทับใจสุดๆ");

    assertThat(thai.fields()).containsEntry("Language", "th").containsEntry("Sentiment", "positive");
  }
}
