package org.socialdesk.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @ParameterizedTest(name = "[{0}]")
  @CsvSource({
    "500ms, PT0.5S",
    "90s, PT1M30S",
    "45m, PT45M",
    "2h, PT2H",
    "1d, PT24H",
    "2h30m, PT2H30M",
    "1h30m, PT1H30M",
    "1d2h, PT26H",
    "1m30s, PT1M30S",
    "1s500ms, PT1.5S",
    "'1d 12h', PT36H",
    "'2h 30m', PT2H30M",
    "' 5 m ', PT5M",
    "1.5h, PT1H30M",
    "0.5s, PT0.5S",
    "2H30M, PT2H30M",
    "PT2H30M, PT2H30M",
    "pt15m, PT15M",
    "P1D, PT24H",
    "P1DT2H, PT26H"
  })
  void acceptsWhatSocialdeskPrintsAndIso8601(String text, String expected) {
    assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "soon", "", "2h30", "30m2h", "5m5m", "h", "2 hours", "1w", "-5m", "5m!", "PT", "P1X"
      })
  void refusesAnythingElseSayingWhatToWrite(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a duration: '" + text + "'")
        .hasMessageContaining("2h30m")
        .hasMessageContaining("PT2H30M");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"999999999999d", "106752d"})
  void refusesADurationTooLongToHold(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long a duration: '" + text + "'");
  }
}
