package org.socialdesk.sla.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.ConfigException;
import org.socialdesk.api.Secret;

class SlaSummariesConfigTest {

  private static final SlaOutletsConfig WEBHOOK =
      new SlaOutletsConfig(
          new SlaWebhookConfig(
              URI.create("https://alerts.example.com/sla"),
              Secret.of("a-long-enough-shared-secret-123")));

  @Test
  void dailyAndWeeklyAreReadInTheGivenZone() {
    var config = new SlaSummariesConfig("08:00", "monday 08:30", "Europe/Berlin");

    assertThat(config.schedules())
        .containsExactly(
            new SlaSummarySchedule.Daily(LocalTime.of(8, 0), ZoneId.of("Europe/Berlin")),
            new SlaSummarySchedule.Weekly(
                DayOfWeek.MONDAY, LocalTime.of(8, 30), ZoneId.of("Europe/Berlin")));
    assertThat(new SlaSummariesConfig(null, "FRI 17:00", "UTC").schedules())
        .containsExactly(
            new SlaSummarySchedule.Weekly(DayOfWeek.FRIDAY, LocalTime.of(17, 0), ZoneId.of("UTC")));
  }

  @Test
  void badValuesAreRefusedNamingTheirKey() {
    assertThatThrownBy(() -> new SlaSummariesConfig("8am", null, "Europe/Berlin"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("summaries.daily: '8am'");
    assertThatThrownBy(() -> new SlaSummariesConfig(null, "someday 08:00", "Europe/Berlin"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("summaries.weekly");
    assertThatThrownBy(() -> new SlaSummariesConfig(null, "MONDAY", "Europe/Berlin"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("summaries.weekly");
    assertThatThrownBy(() -> new SlaSummariesConfig("08:00", null, null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("summaries.timezone: required");
    assertThatThrownBy(() -> new SlaSummariesConfig("08:00", null, "Mars/Olympus"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown time zone 'Mars/Olympus'");
    assertThatThrownBy(() -> new SlaSummariesConfig(null, null, "Europe/Berlin"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("give daily");
  }

  @Test
  void summariesWithoutTheWebhookOutletAreRefused() {
    var summaries = new SlaSummariesConfig("08:00", null, "Europe/Berlin");

    assertThatThrownBy(() -> new SlaConfig(null, null, null, null, null, null, summaries))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("configure outlets.webhook");
    assertThat(new SlaConfig(null, null, null, null, null, WEBHOOK, summaries).summaries())
        .isEqualTo(summaries);
  }
}
