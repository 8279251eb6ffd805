package org.socialdesk.sla.config;

import java.util.List;
import java.util.Map;

/**
 * One named calendar under {@code plugins.sla.calendars}.
 *
 * @param type {@code 24x7} (always open; no other key applies) or {@code business-hours}; required
 * @param zone for business hours: the IANA time zone whose wall clock the hours are read on, e.g.
 *     {@code Asia/Bangkok}; required, never the server's zone
 * @param hours for business hours: opening hours per weekday; at least one day must be open
 * @param holidays for business hours: dates closed all day, {@code YYYY-MM-DD}; default none
 * @param overrides for business hours: other hours on given dates, e.g. {@code 2026-12-24:
 *     ["09:00-12:00"]}; {@code []} closes the day; these win over {@code holidays}; default none
 */
public record SlaCalendarConfig(
    String type,
    String zone,
    SlaWeekConfig hours,
    List<String> holidays,
    Map<String, List<String>> overrides) {

  static final String ALWAYS_OPEN = "24x7";
  static final String BUSINESS_HOURS = "business-hours";

  public SlaCalendarConfig {
    holidays = SlaConfigValues.list(holidays);
    overrides = SlaConfigValues.map(overrides);
  }
}
