package org.socialdesk.sentiment.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socialdesk.sentiment.language.LanguageDetector;

class FeatureExtractorTest {

  private static List<String> marked(String text) {
    return FeatureExtractor.markNegation(TextNormalizer.tokens(text));
  }

  @Test
  void negationFlipsTheFeatureOfTheNextWord() {
    assertThat(marked("not good")).containsExactly("not", "not_good");
  }

  @Test
  void negationScopeRunsUntilPunctuation() {
    assertThat(marked("I don't like this phone. Great camera"))
        .containsExactly("i", "don't", "not_like", "not_this", "not_phone", ".", "great", "camera");
  }

  @Test
  void negatorsOfOtherLanguagesOpenAScopeToo() {
    assertThat(marked("no me gusta")).containsExactly("no", "not_me", "not_gusta");
    assertThat(marked("das ist nicht gut")).containsExactly("das", "ist", "nicht", "not_gut");
    assertThat(marked("ce n'est pas bon")).containsExactly("ce", "n'est", "not_pas", "not_bon");
  }

  @Test
  void placeholderTokensAreNotNegated() {
    assertThat(marked("never @user")).containsExactly("never", "_user_");
  }

  @Test
  void negatedTextHasDifferentWordFeaturesThanPlainText() {
    FeatureExtractor fx = new FeatureExtractor(20, 1, 5);
    int[] good = words(fx.extract("good"));
    int[] notGood = words(fx.extract("not good"));
    assertThat(notGood).doesNotContain(good[0]);
  }

  @Test
  void aKnownLanguageAddsLanguageSpecificCopiesOfTheWordFeatures() {
    FeatureExtractor fx = new FeatureExtractor(20, 1, 5);
    FeatureExtractor.Features plain = fx.extract("no es bueno", null);
    FeatureExtractor.Features es = fx.extract("no es bueno", "es");
    FeatureExtractor.Features pt = fx.extract("no es bueno", "pt");

    // 3 unigrams + 2 bigrams shared; with a language also 5 copies and 1 language bias.
    assertThat(plain.wordCount).isEqualTo(5);
    assertThat(es.wordCount).isEqualTo(11);
    assertThat(words(es)).contains(words(plain));
    assertThat(words(es)).isNotEqualTo(words(pt));
    assertThat(fx.extract("no es bueno", LanguageDetector.UNDETERMINED).wordCount).isEqualTo(5);
    assertThat(Arrays.copyOf(es.chars, es.charCount))
        .isEqualTo(Arrays.copyOf(plain.chars, plain.charCount));
  }

  @Test
  void lexiconWordsAddAPolarityCueThatNegationFlips() {
    SentimentLexicon lexicon =
        new SentimentLexicon(java.util.Map.of("good", 1.9f, "love", 3.2f, "awful", -2.0f));
    FeatureExtractor with = new FeatureExtractor(20, 1, 5, false, lexicon);
    FeatureExtractor without = new FeatureExtractor(20, 1, 5, false, null);

    assertThat(lexicon.cue("good", false)).isEqualTo("_lex+1_");
    assertThat(lexicon.cue("good", true)).isEqualTo("_lex-1_");
    assertThat(lexicon.cue("#love", false)).isEqualTo("_lex+2_");
    assertThat(lexicon.cue("awful", false)).isEqualTo("_lex-2_");
    assertThat(lexicon.cue("table", false)).isNull();
    // One cue feature more than without the lexicon; negated, the cue is another feature.
    int[] good = words(with.extract("good", null));
    assertThat(good).hasSize(words(without.extract("good", null)).length + 1);
    assertThat(words(with.extract("not good", null))).doesNotContain(good[good.length - 1]);
  }

  @Test
  void theShippedLexiconRatesCommonWords() {
    SentimentLexicon lexicon = SentimentLexicon.readDefault();

    assertThat(lexicon.cue("love", false)).isEqualTo("_lex+2_");
    assertThat(lexicon.cue("hate", false)).isEqualTo("_lex-2_");
    assertThat(lexicon.cue("the", false)).isNull();
  }

  @Test
  void thaiWordSplittingGivesThaiWordFeaturesThatRepeatAcrossPhrases() {
    FeatureExtractor fx = new FeatureExtractor(20, 1, 5, true, null);
    int[] phrase = words(fx.extract("อาหารไม่ดี", null));
    int[] other = words(fx.extract("บริการไม่ดี", null));

    // อาหาร ไม่ ดี and two bigrams; ไม่, ดี and the bigram ไม่ ดี recur in the other phrase.
    assertThat(phrase).hasSize(5);
    assertThat(
            Arrays.stream(phrase).filter(h -> Arrays.stream(other).anyMatch(o -> o == h)).count())
        .isEqualTo(3);
  }

  @Test
  void aHashtagAlsoCountsAsItsBareWord() {
    FeatureExtractor fx = new FeatureExtractor(20, 1, 5);
    int happy = words(fx.extract("happy"))[0];
    assertThat(words(fx.extract("#happy"))).contains(happy);
  }

  @Test
  void featuresAreDeterministicAndInRange() {
    FeatureExtractor fx = new FeatureExtractor(12, 1, 5);
    FeatureExtractor.Features a = fx.extract("Same text, same features! 😀");
    FeatureExtractor.Features b = fx.extract("Same text, same features! 😀");
    assertThat(words(a)).isEqualTo(words(b));
    assertThat(Arrays.copyOf(a.chars, a.charCount)).isEqualTo(Arrays.copyOf(b.chars, b.charCount));
    assertThat(Arrays.stream(a.chars, 0, a.charCount)).allMatch(i -> i >= 0 && i < 4096);
  }

  @Test
  void thaiTextWithoutSpacesStillYieldsManyCharacterNgrams() {
    FeatureExtractor fx = new FeatureExtractor(20, 1, 5);
    FeatureExtractor.Features f = fx.extract("อร่อยมากค่ะ");
    assertThat(f.wordCount).isEqualTo(1);
    // 11 characters between two padding spaces: 1..5-grams, less the lone space.
    assertThat(f.charCount).isGreaterThanOrEqualTo(11 * 5 - 10);
  }

  @Test
  void veryLongTextsAreCutForCharacterFeatures() {
    FeatureExtractor fx = new FeatureExtractor(20, 1, 5);
    FeatureExtractor.Features f = fx.extract("ก".repeat(100) + " " + "ข ".repeat(5000));
    assertThat(f.charCount).isLessThanOrEqualTo(FeatureExtractor.MAX_CHARS * 5);
  }

  private static int[] words(FeatureExtractor.Features f) {
    return Arrays.copyOf(f.words, f.wordCount);
  }
}
