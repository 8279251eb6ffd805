package org.socialdesk.sla.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.socialdesk.api.ConfigException;
import org.socialdesk.sla.calendar.BusinessHours;
import org.socialdesk.sla.policy.SlaPolicies;

/**
 * The live wall, under {@code plugins.sla.wall}. The wall is a screen for a room: a private message
 * (a DM) is shown there marked as private with its text left out, unless the admin says the room
 * may read them.
 *
 * @param showPrivateText whether the wall shows the text of private messages; default false
 * @param zone the IANA zone the wall shows dates and times in and whose day "today" is, e.g. {@code
 *     Europe/Berlin}; default the zone of the default rule's calendar (UTC when it is 24x7)
 */
public record SlaWallConfig(Boolean showPrivateText, String zone) {

  public static final SlaWallConfig DEFAULTS = new SlaWallConfig(null, null);

  public SlaWallConfig {
    showPrivateText = showPrivateText != null ? showPrivateText : false;
    if (zone != null) {
      zone = zone.strip();
      parse(zone);
    }
  }

  /** Settings with the default zone. */
  public SlaWallConfig(Boolean showPrivateText) {
    this(showPrivateText, null);
  }

  /** The zone the wall speaks: the configured one, else the default rule's calendar's. */
  public ZoneId zoneId(SlaPolicies policies) {
    if (zone != null) {
      return parse(zone);
    }
    return policies.fallback().calendar() instanceof BusinessHours hours
        ? hours.zone()
        : ZoneId.of("UTC"); // by name: the page hands it to Intl, which refuses "Z"
  }

  private static ZoneId parse(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ConfigException(
          "wall.zone: unknown time zone '" + zone + "'; write an IANA name such as Europe/Berlin");
    }
  }
}
