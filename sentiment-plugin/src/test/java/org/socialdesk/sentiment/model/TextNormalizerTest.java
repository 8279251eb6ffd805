package org.socialdesk.sentiment.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void decodesLiteralUnicodeEscapes() {
    assertThat(TextNormalizer.normalize("Plus\\u002c tomorrow is Awareness Day\\u2019s"))
        .isEqualTo("plus , tomorrow is awareness day's");
  }

  @Test
  void leavesABackslashUNotFollowedByFourHexDigitsAlone() {
    assertThat(TextNormalizer.decodeUnicodeEscapes("C:\\users \\u12")).isEqualTo("C:\\users \\u12");
  }

  @Test
  void unescapesHtmlEntitiesIncludingDoubleEscapedOnes() {
    assertThat(TextNormalizer.clean("fish &amp; chips &amp;amp; &lt;3 &#39;ok&#39;"))
        .isEqualTo("fish & chips & <3 'ok'");
  }

  @Test
  void undoesCsvDoubledQuotes() {
    assertThat(TextNormalizer.clean("\"He said \"\"great\"\" today\""))
        .isEqualTo("\"He said \"great\" today\"");
  }

  @Test
  void lowerCasesAndCutsElongationsToTwoCharacters() {
    assertThat(TextNormalizer.tokens("Soooo GOOOOD!!!!!")).containsExactly("soo", "good", "!!");
  }

  @Test
  void cutsThaiElongationsAndLaughterToo() {
    assertThat(TextNormalizer.normalize("มากกกกก 555555")).isEqualTo("มากก 55");
  }

  @Test
  void mapsMentionsAndUrlsToPlaceholderTokens() {
    assertThat(TextNormalizer.tokens("@United thanks http://t.co/abc www.x.com @user: ok"))
        .containsExactly("_user_", "thanks", "_url_", "_url_", "_user_", ":", "ok");
  }

  @Test
  void mapsEmoticonsToSentimentTokens() {
    assertThat(TextNormalizer.tokens("great :) bad :( so sad:'( <3"))
        .containsExactly(
            "great", "_emopos_", "bad", "_emoneg_", "so", "sad", "_emoneg_", "_emopos_");
  }

  @Test
  void keepsEmojiAsTokensAndAddsTheirPolarity() {
    assertThat(TextNormalizer.tokens("love it😍 hate it😡 🚗"))
        .containsExactly("love", "it", "😍", "_emopos_", "hate", "it", "😡", "_emoneg_", "🚗");
  }

  @Test
  void dropsSkinToneModifiersAndVariationSelectors() {
    assertThat(TextNormalizer.tokens("👍🏽 ❤️")).containsExactly("👍", "_emopos_", "❤", "_emopos_");
  }

  @Test
  void keepsTheZeroWidthNonJoinerInsidePersianWords() {
    String word = "فرشته\u200Cای";
    assertThat(TextNormalizer.tokens("شما " + word + " هستی")).containsExactly("شما", word, "هستی");
  }

  @Test
  void dropsArabicTatweelAndDiacritics() {
    assertThat(TextNormalizer.normalize("جميـــل مُحَمَّد")).isEqualTo("جميل محمد");
  }

  @Test
  void foldsArabicPresentationForms() {
    // U+FEE3 U+FEE4 U+FEA0: presentation forms of meem, meem, jeem
    assertThat(TextNormalizer.normalize("\uFEE3\uFEE4\uFEA0")).isEqualTo("ممج");
  }

  @Test
  void keepsHashtagsAndApostrophesInsideWords() {
    assertThat(TextNormalizer.tokens("#Happy don’t")).containsExactly("#happy", "don't");
  }
}
