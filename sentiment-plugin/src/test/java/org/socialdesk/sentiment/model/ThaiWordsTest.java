package org.socialdesk.sentiment.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThaiWordsTest {

  @Test
  void aThaiPhraseWrittenWithoutSpacesIsSplitIntoItsWords() {
    List<String> words = new ThaiWords().split(List.of("ไม่ดีเลย", "ok", "ขอบคุณมากค่ะ"), 1000);

    assertThat(words).containsExactly("ไม่", "ดี", "เลย", "ok", "ขอบคุณ", "มาก", "ค่ะ");
  }

  @Test
  void tokensWithoutThaiLettersAreLeftAsTheyAre() {
    List<String> tokens = List.of("not", "good", "_emoneg_");

    assertThat(new ThaiWords().split(tokens, 1000)).isSameAs(tokens);
  }

  @Test
  void tokensPastTheCharacterBudgetStayWhole() {
    List<String> words = new ThaiWords().split(List.of("ไม่ดีเลย", "ขอบคุณมากค่ะ"), 5);

    assertThat(words).containsExactly("ไม่", "ดี", "เลย", "ขอบคุณมากค่ะ");
  }
}
