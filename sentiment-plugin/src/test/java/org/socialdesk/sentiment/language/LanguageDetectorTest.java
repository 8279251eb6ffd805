package org.socialdesk.sentiment.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.socialdesk.sentiment.TestData;

class LanguageDetectorTest {
  private final LanguageDetector detector = TestData.languages();

  @Test
  void detectsThaiWrittenWithoutSpaces() {
    assertThat(detector.detect("ไปจองมาแล้วนาจา รอขับอยู่นาจา ประหยัดน้ำมัน")).isEqualTo("th");
  }

  @Test
  void detectsThaiEvenWithALatinBrandName() {
    assertThat(detector.detect("Mitsubishi Attrage ได้หลังสงกรานต์เลย รอขับอยู่นาจา"))
        .isEqualTo("th");
  }

  @Test
  void tellsPersianFromArabic() {
    assertThat(detector.detect("زنده باشی نرگس عزیز مهربانوی سرزمینم شما فرشته‌ای هستی"))
        .isEqualTo("fa");
    assertThat(detector.detect("وصلنا لاقتصاد اسوء من سوريا والعراق ومن غير حرب")).isEqualTo("ar");
  }

  @Test
  void detectsEnglishAndSpanishTweets() {
    assertThat(detector.detect("@user thanks for the quick reply, my flight is finally booked"))
        .isEqualTo("en");
    assertThat(detector.detect("@user no me gusta nada este servicio, llevo dos horas esperando"))
        .isEqualTo("es");
  }

  @Test
  void recognisesHindiWrittenInLatinLetters() {
    assertThat(detector.detect("yaar ye movie bahut achhi hai, kya acting hai")).isEqualTo("hi");
    assertThat(detector.detect("I think the match is going to be close today")).isEqualTo("en");
  }

  @Test
  void reportsUndeterminedWhenThereAreNoLetters() {
    assertThat(detector.detect("😀😀 123 !!")).isEqualTo(LanguageDetector.UNDETERMINED);
    assertThat(detector.detect("")).isEqualTo(LanguageDetector.UNDETERMINED);
  }

  @Test
  void onlyReportsConfiguredLanguages() {
    LanguageDetector enDe = LanguageDetector.forLanguages(List.of("en", "de"));

    assertThat(enDe.detect("no me gusta nada este servicio")).isIn("en", "de");
    assertThat(enDe.detect("ไปจองมาแล้วนาจา")).isEqualTo(LanguageDetector.UNDETERMINED);
    assertThat(enDe.languages()).containsExactlyInAnyOrder("en", "de");
  }

  @Test
  void aSingleLatinLanguageNeedsNoModel() {
    assertThat(LanguageDetector.forLanguages(List.of("en")).detect("bonjour")).isEqualTo("en");
  }

  @Test
  void rejectsUnknownLanguageCodes() {
    assertThatThrownBy(() -> LanguageDetector.forLanguages(List.of("xx")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
