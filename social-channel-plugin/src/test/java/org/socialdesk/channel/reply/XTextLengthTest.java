package org.socialdesk.channel.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.social.Visibility;

class XTextLengthTest {

  private final XTextLength x = new XTextLength();

  @Test
  void countsAsciiOnePerCharacter() {
    assertThat(x.length("Hello, world!")).isEqualTo(13);
    assertThat(x.length("")).isZero();
  }

  @Test
  void allows280InPublicAnd10000InPrivate() {
    assertThat(x.maxLength(Visibility.PUBLIC)).isEqualTo(280);
    assertThat(x.maxLength(Visibility.PRIVATE)).isEqualTo(10_000);
  }

  @Test
  void countsEveryUrlAs23WhateverItsLength() {
    String longUrl = "https://example.com/" + "a".repeat(200) + "?q=1#frag";
    assertThat(x.length(longUrl)).isEqualTo(23);
    assertThat(x.length("http://t.co")).isEqualTo(23);
    assertThat(x.length("See " + longUrl + " now")).isEqualTo(4 + 23 + 4);
  }

  @Test
  void countsBareDomainsWithKnownTopLevelDomainsAsUrls() {
    assertThat(x.length("example.com")).isEqualTo(23);
    assertThat(x.length("go to www.example.co.th/help.")).isEqualTo(6 + 23 + 1);
    assertThat(x.length("bit.ly/abc")).isEqualTo(23);
  }

  @Test
  void doesNotTakeSentencePunctuationOrEmailsOrFileNamesForUrls() {
    assertThat(x.length("Visit https://example.com/help.")).isEqualTo(6 + 23 + 1);
    assertThat(x.length("(see https://example.com/a)")).isEqualTo(5 + 23 + 1);
    assertThat(x.length("anna@example.com")).isEqualTo(16);
    assertThat(x.length("report.pdf")).isEqualTo(10);
    assertThat(x.length("e.g. this")).isEqualTo(9);
    assertThat(x.length("example.th")).isEqualTo(10);
  }

  @Test
  void keepsBalancedParenthesesInsideUrls() {
    assertThat(x.length("https://en.wikipedia.org/wiki/Foo_(bar) ok")).isEqualTo(23 + 3);
  }

  @Test
  void countsCjkTwoPerCharacter() {
    assertThat(x.length("你好世界")).isEqualTo(8);
    assertThat(x.length("こんにちは")).isEqualTo(10);
    assertThat(x.length("안녕")).isEqualTo(4);
  }

  @Test
  void countsEachEmojiSequenceAsTwo() {
    assertThat(x.length("👍")).isEqualTo(2);
    assertThat(x.length("👨‍👩‍👧‍👦")).as("ZWJ family of 7 code points").isEqualTo(2);
    assertThat(x.length("🇹🇭")).as("flag").isEqualTo(2);
    assertThat(x.length("👍🏽")).as("skin tone").isEqualTo(2);
    assertThat(x.length("1️⃣")).as("keycap").isEqualTo(2);
    assertThat(x.length("❤️")).as("heart with variation selector").isEqualTo(2);
    assertThat(x.length("Thanks 🙏🙏")).isEqualTo(7 + 4);
  }

  @Test
  void countsThaiOnePerCodePoint() {
    String thai = "ขอบคุณที่ติดต่อเรา";
    assertThat(x.length(thai)).isEqualTo(thai.codePointCount(0, thai.length()));
  }

  @Test
  void countsPersianAndZeroWidthNonJoinerOnePerCodePoint() {
    String persian = "می\u200Cخواهم";
    assertThat(x.length(persian)).isEqualTo(persian.length()).isEqualTo(8);
  }

  @Test
  void measuresDecomposedTextAsItsComposedForm() {
    String nfd = Normalizer.normalize("café crème", Normalizer.Form.NFD);
    assertThat(nfd).hasSize(12);
    assertThat(x.length(nfd)).isEqualTo(x.length("café crème")).isEqualTo(10);
  }

  @Test
  void weighsTypographicPunctuationInTheLightRangesAsOne() {
    assertThat(x.length("“quoted” — ok")).as("U+201C, U+201D, U+2014").isEqualTo(13);
    assertThat(x.length("…")).as("U+2026 lies outside the light ranges").isEqualTo(2);
    assertThat(x.length("€")).as("U+20AC lies outside the light ranges").isEqualTo(2);
  }
}
