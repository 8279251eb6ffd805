package org.socialdesk.channel.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.channel.TextLimit;

class ReplySplitterTest {

  private static final XTextLength X = new XTextLength();
  private static final Pattern NUMBERING = Pattern.compile("^(\\d+)/(\\d+) ");

  private static final String ENGLISH =
      "Hi Sam, thanks for your patience while we looked into this. Your order #48213 left our "
          + "warehouse on Monday and the carrier shows it at the local depot. It should arrive within 2 "
          + "business days. If it does not, please reply here and we will send a replacement at no cost. "
          + "You can also track it at https://track.example.com/parcels/48213?lang=en&ref=social-care-team-"
          + "long-reference-code. We are sorry for the trouble and appreciate you letting us know.";

  private static final String THAI =
      "สวัสดีครับคุณสมชาย ขอบคุณที่แจ้งให้เราทราบเรื่องคำสั่งซื้อของคุณ "
          + "เราได้ตรวจสอบแล้วพบว่าพัสดุของคุณอยู่ที่ศูนย์กระจายสินค้าในกรุงเทพมหานครและจะถูกจัดส่งภายในสองวันทำการ "
          + "หากคุณยังไม่ได้รับพัสดุภายในวันศุกร์นี้ กรุณาติดต่อเรากลับมาทางข้อความนี้ "
          + "เราจะส่งสินค้าชิ้นใหม่ให้คุณโดยไม่มีค่าใช้จ่ายเพิ่มเติม ขออภัยในความไม่สะดวกที่เกิดขึ้นและขอบคุณที่เลือกใช้บริการของเรา";

  private static final String PERSIAN =
      "سلام سارا، از صبر شما سپاسگزاریم. سفارش شما روز دوشنبه از انبار ما خارج شد و اکنون در مرکز "
          + "توزیع محلی است. انتظار می\u200Cرود ظرف دو روز کاری به دست شما برسد. اگر نرسید، لطفاً "
          + "همین\u200Cجا پاسخ دهید تا یک مورد جایگزین بدون هزینه برایتان ارسال کنیم. بابت این مشکل "
          + "عذرخواهی می\u200Cکنیم.";

  @Test
  void returnsTextThatFitsUnchangedAndUnnumbered() {
    ReplySplitter splitter = new ReplySplitter(X, 280, Locale.ROOT);
    String text = "  Thanks, Sam! Your refund is on its way. \n";
    assertThat(splitter.split(text)).containsExactly(text);
    assertThat(splitter.split("Thanks!", " ^AB")).containsExactly("Thanks! ^AB");
  }

  @Test
  void keepsEveryPartWithinTheLimitNumberingIncluded() {
    List<String> parts = new ReplySplitter(X, 140, Locale.ROOT).split(ENGLISH);
    assertThat(parts)
        .hasSizeGreaterThan(1)
        .allSatisfy(part -> assertThat(X.length(part)).isLessThanOrEqualTo(140));
    assertNumbered(parts);
    assertThat(withoutSpaces(contents(parts))).isEqualTo(withoutSpaces(ENGLISH));
  }

  @Test
  void prefersSentenceBoundaries() {
    List<String> parts = new ReplySplitter(X, 280, Locale.ROOT).split(ENGLISH);
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0)).startsWith("1/2 Hi Sam").endsWith("at no cost.");
    assertThat(parts.get(1)).startsWith("2/2 You can also track it");
  }

  @Test
  void neverBreaksAUrl() {
    String url =
        "https://track.example.com/parcels/48213?lang=en&ref=social-care-team-long-reference-code";
    for (int max = 40; max <= 200; max += 7) {
      List<String> parts = new ReplySplitter(X, max, Locale.ROOT).split(ENGLISH);
      assertThat(parts).as("limit %d", max).anySatisfy(part -> assertThat(part).contains(url));
    }
  }

  @Test
  void putsTheSignatureOnTheLastPartOnly() {
    List<String> parts = new ReplySplitter(X, 140, Locale.ROOT).split(ENGLISH, " ^AB");
    assertThat(parts.get(parts.size() - 1)).endsWith("letting us know. ^AB");
    assertThat(parts.subList(0, parts.size() - 1)).noneMatch(part -> part.contains("^AB"));
    assertThat(parts).allSatisfy(part -> assertThat(X.length(part)).isLessThanOrEqualTo(140));
  }

  @Test
  void movesTheLastWordAlongWhenTheSignatureDoesNotFitBesideIt() {
    String text = "a".repeat(100) + " " + "b".repeat(170) + " done";
    assertThat(X.length(text)).isLessThanOrEqualTo(280);
    List<String> parts = new ReplySplitter(X, 280, Locale.ROOT).split(text, " — Anna");
    assertThat(parts)
        .containsExactly("1/2 " + "a".repeat(100) + " " + "b".repeat(170), "2/2 done — Anna");
  }

  @Test
  void splitsThaiAtSpacesOrDictionaryWordBoundaries() {
    Locale thai = ReplySplitter.localeFor(null, THAI);
    assertThat(thai.getLanguage()).isEqualTo("th");
    List<String> parts = new ReplySplitter(X, 120, thai).split(THAI);
    assertThat(parts).allSatisfy(part -> assertThat(X.length(part)).isLessThanOrEqualTo(120));
    assertNumbered(parts);
    assertThat(withoutSpaces(contents(parts))).isEqualTo(withoutSpaces(THAI));
    assertThat(cutPoints(THAI, parts))
        .allSatisfy(
            cut ->
                assertThat(
                        Character.isWhitespace(THAI.charAt(cut - 1))
                            || wordBoundaries(THAI, thai).contains(cut))
                    .isTrue());
  }

  @Test
  void splitsThaiWithoutSpacesAtDictionaryWordBoundaries() {
    String noSpaces = THAI.replace(" ", "");
    Locale thai = Locale.forLanguageTag("th");
    Set<Integer> words = wordBoundaries(noSpaces, thai);
    assertThat(words).as("the JDK knows Thai words").contains(noSpaces.indexOf("ขอบคุณ"));
    List<String> parts = new ReplySplitter(X, 120, thai).split(noSpaces);
    assertThat(parts)
        .hasSizeGreaterThan(2)
        .allSatisfy(part -> assertThat(X.length(part)).isLessThanOrEqualTo(120));
    assertThat(String.join("", contents(parts))).isEqualTo(noSpaces);
    assertThat(cutPoints(noSpaces, parts)).allSatisfy(cut -> assertThat(words).contains(cut));
  }

  @Test
  void splitsPersianAtSentencesAndSpacesKeepingZwnjWordsWhole() {
    List<String> parts =
        new ReplySplitter(X, 140, Locale.forLanguageTag("fa")).split(PERSIAN, " ^AB");
    assertThat(parts)
        .hasSizeGreaterThan(1)
        .allSatisfy(part -> assertThat(X.length(part)).isLessThanOrEqualTo(140));
    assertNumbered(parts);
    assertThat(parts.get(0)).endsWith(".");
    assertThat(String.join(" ", parts))
        .contains("می\u200Cرود", "همین\u200Cجا", "می\u200Cکنیم. ^AB");
  }

  @Test
  void neverBreaksEmojiSequencesOrGraphemeClusters() {
    String text = "🎉🎉 Great news 👨‍👩‍👧‍👦! ".repeat(6) + "🇹🇭🇯🇵👍🏽1️⃣".repeat(20);
    List<String> parts = new ReplySplitter(X, 60, Locale.ROOT).split(text);
    assertThat(parts).allSatisfy(part -> assertThat(X.length(part)).isLessThanOrEqualTo(60));
    assertNumbered(parts);
    String joined = String.join("", contents(parts));
    assertThat(withoutSpaces(joined)).isEqualTo(withoutSpaces(text));
    assertThat(occurrences(joined, "👨‍👩‍👧‍👦")).isEqualTo(6);
    assertThat(occurrences(joined, "🇹🇭🇯🇵👍🏽1️⃣")).isEqualTo(20);
    Set<Integer> clusters = graphemeBoundaries(text);
    assertThat(cutPoints(text, parts)).allSatisfy(cut -> assertThat(clusters).contains(cut));
  }

  @Test
  void cutsAWordLongerThanAPartAtGraphemeBoundaries() {
    String word = "ก่".repeat(150) + "x".repeat(150);
    List<String> parts = new ReplySplitter(X, 100, Locale.ROOT).split("Hi " + word + " bye");
    assertThat(parts).allSatisfy(part -> assertThat(X.length(part)).isLessThanOrEqualTo(100));
    assertThat(parts.get(0))
        .as("fills the first part rather than leaving 'Hi' alone")
        .hasSizeGreaterThan(50);
    assertThat(parts)
        .noneMatch(part -> part.contains(" \u0E48") || part.matches("^\\d+/\\d+ \u0E48.*"));
  }

  @Test
  void widensTheNumberingForTenOrMoreParts() {
    TextLimit codePoints = TextLimit.codePoints(30, 30);
    String text = "word ".repeat(60).strip();
    List<String> parts = new ReplySplitter(codePoints, 30, Locale.ROOT).split(text);
    assertThat(parts)
        .hasSizeGreaterThan(9)
        .allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(30));
    assertThat(parts.get(0)).startsWith("1/" + parts.size() + " ");
    assertNumbered(parts);
  }

  @Test
  void givesTheSamePartsEveryTime() {
    ReplySplitter splitter = new ReplySplitter(X, 100, Locale.forLanguageTag("th"));
    assertThat(splitter.split(THAI, " ^AB")).isEqualTo(splitter.split(THAI, " ^AB"));
  }

  @Test
  void refusesAUrlLongerThanAPart() {
    TextLimit codePoints = TextLimit.codePoints(50, 50);
    String text = "Track it here: https://example.com/" + "x".repeat(80) + " thanks";
    assertThatThrownBy(() -> new ReplySplitter(codePoints, 50, Locale.ROOT).split(text))
        .isInstanceOf(ReplySplitter.Unsplittable.class)
        .hasMessageContaining("URL");
  }

  private static void assertNumbered(List<String> parts) {
    for (int i = 0; i < parts.size(); i++) {
      Matcher m = NUMBERING.matcher(parts.get(i));
      assertThat(m.find()).as("part %d is numbered: %s", i + 1, parts.get(i)).isTrue();
      assertThat(Integer.parseInt(m.group(1))).isEqualTo(i + 1);
      assertThat(Integer.parseInt(m.group(2))).isEqualTo(parts.size());
    }
  }

  private static List<String> contents(List<String> parts) {
    return parts.stream().map(part -> NUMBERING.matcher(part).replaceFirst("")).toList();
  }

  private static String withoutSpaces(String text) {
    return text.replaceAll("\\s", "");
  }

  private static String withoutSpaces(List<String> parts) {
    return withoutSpaces(String.join("", parts));
  }

  /** Where each part after the first begins in {@code original}. */
  private static List<Integer> cutPoints(String original, List<String> parts) {
    List<Integer> cuts = new ArrayList<>();
    int from = 0;
    for (String content : contents(parts)) {
      int at = original.indexOf(content, from);
      assertThat(at).as("part found in the original: %s", content).isNotNegative();
      if (at > 0) {
        cuts.add(at);
      }
      from = at + content.length();
    }
    return cuts;
  }

  private static Set<Integer> wordBoundaries(String text, Locale locale) {
    return boundaries(BreakIterator.getWordInstance(locale), text);
  }

  private static Set<Integer> graphemeBoundaries(String text) {
    return boundaries(BreakIterator.getCharacterInstance(Locale.ROOT), text);
  }

  private static Set<Integer> boundaries(BreakIterator iterator, String text) {
    iterator.setText(text);
    Set<Integer> set = new HashSet<>();
    for (int b = iterator.first(); b != BreakIterator.DONE; b = iterator.next()) {
      set.add(b);
    }
    return set;
  }

  private static int occurrences(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      count++;
    }
    return count;
  }
}
