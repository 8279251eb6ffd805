package org.socialdesk.sla.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socialdesk.sla.SlaConfigs.businessHours;
import static org.socialdesk.sla.SlaConfigs.calendars;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;
import static org.socialdesk.sla.SlaConfigs.sentiment;
import static org.socialdesk.sla.SlaConfigs.weekdays;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.ConfigException;
import org.socialdesk.sla.policy.SlaPolicies;

/** {@code plugins.sla.wall.zone}: the zone the wall speaks. */
class SlaWallConfigTest {

  private final SlaPolicies officeByDefault =
      config(
              calendars("office", businessHours("Asia/Bangkok", weekdays("09:00-18:00"))),
              rule("vip", sentiment("negative"), "24x7", "15m", "30m", "4h"),
              rule("default", null, "office", "1h", "2h", "1d"))
          .slaPolicies();

  @Test
  void withoutAZoneTheWallSpeaksTheDefaultRulesCalendarsZone() {
    assertThat(SlaWallConfig.DEFAULTS.zoneId(officeByDefault)).isEqualTo(ZoneId.of("Asia/Bangkok"));
  }

  @Test
  void aDefaultRuleThatIsAlwaysOpenGivesUtcByName() {
    assertThat(SlaWallConfig.DEFAULTS.zoneId(SlaPolicies.BUILT_IN).getId()).isEqualTo("UTC");
  }

  @Test
  void theZoneTheAdminSetWins() {
    assertThat(new SlaWallConfig(null, " Europe/Berlin ").zoneId(officeByDefault))
        .isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void anUnknownZoneIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> new SlaWallConfig(null, "Mars/Olympus"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("wall.zone")
        .hasMessageContaining("Mars/Olympus");
  }
}
