package org.socialdesk.sla.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.socialdesk.api.ConfigException;
import org.socialdesk.sla.calendar.BusinessCalendar;
import org.socialdesk.sla.calendar.BusinessHours;
import org.socialdesk.sla.policy.SlaPolicies;

/**
 * The manager report, under {@code plugins.sla.report}. Its days (the period's from and to, the day
 * and week groups) are the days of one time zone: a manager in Bangkok counts a post at 06:00 local
 * on the day it was written, not on the UTC day before.
 *
 * @param zone an IANA time zone such as {@code Asia/Bangkok}; default the zone of the default
 *     rule's calendar (UTC when that is {@code 24x7})
 */
public record SlaReportConfig(String zone) {

  public static final SlaReportConfig DEFAULTS = new SlaReportConfig(null);

  public SlaReportConfig {
    if (zone != null) {
      zone = zone.strip();
      parse(zone); // refuses a bad zone at start, naming the key
    }
  }

  /** The report's zone: the configured one, else the default calendar's. */
  public ZoneId zoneId(SlaPolicies policies) {
    return zone != null ? parse(zone) : zoneOf(policies.fallback().calendar());
  }

  /** UTC by the name people read ({@code ZoneOffset.UTC} calls itself "Z"). */
  public static final ZoneId UTC = ZoneId.of("UTC");

  /** The zone a calendar reads its hours in; UTC for {@code 24x7}, which has none. */
  public static ZoneId zoneOf(BusinessCalendar calendar) {
    return calendar instanceof BusinessHours hours ? hours.zone() : UTC;
  }

  private static ZoneId parse(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ConfigException(
          "report.zone: unknown time zone '" + zone + "'; write an IANA name such as Asia/Bangkok");
    }
  }
}
