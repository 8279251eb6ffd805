package org.socialdesk.channel.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.x.XStubs.NOW;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.testkit.SettableClock;

class XPacerTest {

  private final SettableClock clock = new SettableClock(NOW);
  private final XPacer pacer = new XPacer(clock, new XConfig.Pacing(3, null, null, null));

  @Test
  void allowsTheBudgetAtOnceThenOneRequestPerShareOfTheWindow() {
    assertThat(pacer.tryAcquire(XEndpoint.MENTIONS)).isEmpty();
    assertThat(pacer.tryAcquire(XEndpoint.MENTIONS)).isEmpty();
    assertThat(pacer.tryAcquire(XEndpoint.MENTIONS)).isEmpty();
    assertThat(pacer.tryAcquire(XEndpoint.MENTIONS)).contains(NOW.plus(Duration.ofMinutes(5)));

    clock.advance(Duration.ofMinutes(5));
    assertThat(pacer.tryAcquire(XEndpoint.MENTIONS)).isEmpty();
    assertThat(pacer.tryAcquire(XEndpoint.MENTIONS)).isPresent();
  }

  @Test
  void keepsEachEndpointsBudgetApart() {
    for (int i = 0; i < 3; i++) {
      pacer.tryAcquire(XEndpoint.MENTIONS);
    }

    assertThat(pacer.tryAcquire(XEndpoint.DM_EVENTS)).isEmpty();
    assertThat(pacer.tryAcquire(XEndpoint.CREATE_POST)).isEmpty();
  }

  @Test
  void believesXsRemainingCount() {
    pacer.observe(XEndpoint.MENTIONS, headers(Map.of("x-rate-limit-remaining", "1")));

    assertThat(pacer.tryAcquire(XEndpoint.MENTIONS)).isEmpty();
    assertThat(pacer.tryAcquire(XEndpoint.MENTIONS)).isPresent();
  }

  @Test
  void waitsForXsResetWhenTheWindowIsSpentThenHasTheWholeBudgetAgain() {
    Instant reset = NOW.plusSeconds(420);
    pacer.observe(
        XEndpoint.MENTIONS,
        headers(
            Map.of(
                "x-rate-limit-remaining",
                "0",
                "x-rate-limit-reset",
                String.valueOf(reset.getEpochSecond()))));

    assertThat(pacer.tryAcquire(XEndpoint.MENTIONS)).contains(reset);
    clock.advance(Duration.ofSeconds(420));
    assertThat(pacer.tryAcquire(XEndpoint.MENTIONS)).isEmpty();
    assertThat(pacer.tryAcquire(XEndpoint.MENTIONS)).isEmpty();
    assertThat(pacer.tryAcquire(XEndpoint.MENTIONS)).isEmpty();
  }

  @Test
  void after429WaitsForTheSpent24HourLimitRatherThanTheWindow() {
    Instant window = NOW.plusSeconds(300);
    Instant day = NOW.plus(Duration.ofHours(9));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-rate-limit-remaining", "80");
    headers.put("x-rate-limit-reset", String.valueOf(window.getEpochSecond()));
    headers.put("x-user-limit-24hour-remaining", "0");
    headers.put("x-user-limit-24hour-reset", String.valueOf(day.getEpochSecond()));

    assertThat(pacer.rateLimited(XEndpoint.CREATE_POST, headers(headers))).isEqualTo(day);
    assertThat(pacer.tryAcquire(XEndpoint.CREATE_POST)).contains(day);
  }

  @Test
  void after429WithoutAResetWaitsAWholeWindow() {
    assertThat(pacer.rateLimited(XEndpoint.SEND_DM, headers(Map.of())))
        .isEqualTo(NOW.plus(XPacer.WINDOW));
  }

  private static HttpHeaders headers(Map<String, String> values) {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    values.forEach((name, value) -> lists.put(name, List.of(value)));
    return HttpHeaders.of(lists, (name, value) -> true);
  }
}
