package org.socialdesk.sentiment.intent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.enrich.Sentiment;

class IntentClassifierTest {

  private final IntentClassifier intents = new IntentClassifier();
  private static final Sentiment NEGATIVE = new Sentiment(Sentiment.Label.NEGATIVE, 0.9);
  private static final Sentiment MILDLY_NEGATIVE = new Sentiment(Sentiment.Label.NEGATIVE, 0.6);
  private static final Sentiment NEUTRAL = new Sentiment(Sentiment.Label.NEUTRAL, 0.7);
  private static final Sentiment POSITIVE = new Sentiment(Sentiment.Label.POSITIVE, 0.9);

  @Test
  void anAngryPostIsAComplaintEvenWithAQuestionMark() {
    assertThat(intents.classify("Why is my order STILL not here?? Worst service ever", NEGATIVE))
        .isEqualTo(Intent.COMPLAINT);
  }

  @Test
  void questionsAreRecognisedInEveryLanguageWeServe() {
    assertThat(intents.classify("Do you ship to Chiang Mai?", NEUTRAL)).isEqualTo(Intent.QUESTION);
    assertThat(intents.classify("ส่งต่างจังหวัดได้ไหมคะ", NEUTRAL)).isEqualTo(Intent.QUESTION);
    assertThat(intents.classify("آیا ارسال به شیراز دارید", NEUTRAL)).isEqualTo(Intent.QUESTION);
    assertThat(intents.classify("¿Cuándo llega mi pedido", MILDLY_NEGATIVE))
        .isEqualTo(Intent.QUESTION);
  }

  @Test
  void aPriceQuestionIsAPurchaseLead() {
    assertThat(intents.classify("How much is the blue kite? Want to buy two", NEUTRAL))
        .isEqualTo(Intent.PURCHASE_INTENT);
    assertThat(intents.classify("ราคาเท่าไหร่คะ", NEUTRAL)).isEqualTo(Intent.PURCHASE_INTENT);
    assertThat(intents.classify("قیمت این مدل چنده؟", NEUTRAL)).isEqualTo(Intent.PURCHASE_INTENT);
  }

  @Test
  void promotionalLinksAreSpam() {
    assertThat(
            intents.classify(
                "Earn money fast with crypto!! https://example.com/x #crypto #money", NEUTRAL))
        .isEqualTo(Intent.SPAM);
  }

  @Test
  void thanksArePraiseAndTheRestIsOther() {
    assertThat(intents.classify("Love the new app, thank you team!", POSITIVE))
        .isEqualTo(Intent.PRAISE);
    assertThat(intents.classify("Just saw your billboard downtown", NEUTRAL))
        .isEqualTo(Intent.OTHER);
  }
}
