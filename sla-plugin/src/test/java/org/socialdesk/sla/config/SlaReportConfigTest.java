package org.socialdesk.sla.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socialdesk.sla.SlaConfigs.businessHours;
import static org.socialdesk.sla.SlaConfigs.calendars;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;
import static org.socialdesk.sla.SlaConfigs.weekdays;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.ConfigException;
import org.socialdesk.sla.policy.SlaPolicies;

class SlaReportConfigTest {

  private final SlaPolicies bangkokDefault =
      config(
              calendars("office", businessHours("Asia/Bangkok", weekdays("09:00-18:00"))),
              rule("default", null, "office", "1h", "2h", "1d"))
          .slaPolicies();

  @Test
  void theReportZoneDefaultsToTheDefaultRulesCalendar() {
    assertThat(SlaReportConfig.DEFAULTS.zoneId(bangkokDefault))
        .isEqualTo(ZoneId.of("Asia/Bangkok"));
  }

  @Test
  void withoutACalendarZoneTheReportIsInUtc() {
    assertThat(SlaReportConfig.DEFAULTS.zoneId(SlaPolicies.BUILT_IN)).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void aConfiguredZoneWinsOverTheCalendars() {
    assertThat(new SlaReportConfig(" Asia/Tehran ").zoneId(bangkokDefault))
        .isEqualTo(ZoneId.of("Asia/Tehran"));
  }

  @Test
  void anUnknownZoneIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> new SlaReportConfig("Mars/Olympus"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "report.zone: unknown time zone 'Mars/Olympus'; write an IANA name such as Asia/Bangkok");
  }

  @Test
  void aSectionWithoutReportSettingsGetsTheDefaults() {
    assertThat(new SlaConfig(null, null, null, null, null, null).report())
        .isEqualTo(SlaReportConfig.DEFAULTS);
  }
}
