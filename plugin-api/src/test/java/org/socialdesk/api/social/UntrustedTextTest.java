package org.socialdesk.api.social;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedTextTest {

  @Test
  void cleanReplacesNulAndOtherControlsButKeepsTabsAndLineBreaks() {
    assertThat(UntrustedText.clean("a\u0000b\u001b[31mc\u007f\td\r\ne"))
        .isEqualTo("a\uFFFDb\uFFFD[31mc\uFFFD\td\r\ne");
    assertThat(UntrustedText.clean("สวัสดี 👋")).isEqualTo("สวัสดี 👋");
  }

  @Test
  void forLogKeepsAValueOnOneLineWithoutEscapes() {
    String forged = "nadia\n2026-12-03T08:00:00Z ERROR admin token leaked\r\u001b[2J\u0000\\";

    String logged = UntrustedText.forLog(forged);

    assertThat(logged)
        .isEqualTo("nadia\\n2026-12-03T08:00:00Z ERROR admin token leaked\\r\\u001b[2J\\u0000\\\\");
    assertThat(logged.chars().noneMatch(Character::isISOControl)).isTrue();
  }

  @Test
  void forLogCutsLongValuesAndSaysHowLongTheyWere() {
    String logged = UntrustedText.forLog("x".repeat(5000));

    assertThat(logged)
        .hasSize(UntrustedText.LOG_LIMIT + "...(5000 chars)".length())
        .endsWith("...(5000 chars)");
    assertThat(UntrustedText.forLog(null)).isEqualTo("null");
  }

  @Test
  void blankIncludesInvisibleCharactersThatStringIsBlankMisses() {
    String invisible = "\u00a0\u200b\u3000\ufeff\u2060\u202f\u3164 \t\n\u0000";

    assertThat(invisible.isBlank()).isFalse();
    assertThat(UntrustedText.isBlank(invisible)).isTrue();
    assertThat(UntrustedText.isBlank("\u00a0.")).isFalse();
    assertThat(UntrustedText.isBlank("👋")).isFalse();
  }

  @Test
  void idsMustBeOfTheSafeSetAndNotDotSegments() {
    assertThat(UntrustedText.idProblem("1050118621198921728")).isEmpty();
    assertThat(UntrustedText.idProblem("123-456")).isEmpty();
    assertThat(UntrustedText.idProblem("p_1.v2:a@b")).isEmpty();
    assertThat(UntrustedText.idProblem("x".repeat(200))).isEmpty();
    for (String unsafe :
        new String[] {
          "", ".", "..", "a/b", "12\"34", "a'b", "a b", "a\u0000b", "a\nb", "x".repeat(201)
        }) {
      assertThat(UntrustedText.idProblem(unsafe)).as(unsafe).isPresent();
    }
  }
}
