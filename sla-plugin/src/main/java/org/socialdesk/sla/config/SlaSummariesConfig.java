package org.socialdesk.sla.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.socialdesk.api.ConfigException;

/**
 * Daily and weekly summaries sent to the webhook outlet, under {@code plugins.sla.summaries}. Needs
 * {@code outlets.webhook}. What is sent and when: sla-plugin/docs/sla-config.md.
 *
 * @param daily the local time each day's summary of the day before is sent, {@code HH:MM}; default
 *     none
 * @param weekly the weekday and local time the previous week's summary is sent, e.g. {@code MONDAY
 *     08:00} (or {@code mon 08:00}); default none
 * @param timezone the IANA zone days, weeks and times are read in, e.g. {@code Europe/Berlin};
 *     required: the server's zone is never assumed
 */
public record SlaSummariesConfig(String daily, String weekly, String timezone) {

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  public SlaSummariesConfig {
    schedules(daily, weekly, timezone); // refuses a bad section at start, naming the key
  }

  /** The configured schedules, daily first. */
  public List<SlaSummarySchedule> schedules() {
    return schedules(daily, weekly, timezone);
  }

  private static List<SlaSummarySchedule> schedules(String daily, String weekly, String timezone) {
    if (daily == null && weekly == null) {
      throw new ConfigException(
          "summaries: give daily (e.g. \"08:00\"), weekly (e.g. \"MONDAY 08:00\") or both");
    }
    ZoneId zone = zone(timezone);
    List<SlaSummarySchedule> schedules = new ArrayList<>();
    if (daily != null) {
      schedules.add(new SlaSummarySchedule.Daily(time("summaries.daily", daily.strip()), zone));
    }
    if (weekly != null) {
      String[] parts = weekly.strip().split("\\s+");
      if (parts.length != 2) {
        throw new ConfigException(
            "summaries.weekly: '"
                + weekly
                + "' is not a weekday and a time, e.g. \"MONDAY 08:00\"");
      }
      schedules.add(
          new SlaSummarySchedule.Weekly(
              day(weekly, parts[0]), time("summaries.weekly", parts[1]), zone));
    }
    return List.copyOf(schedules);
  }

  private static ZoneId zone(String timezone) {
    if (timezone == null || timezone.isBlank()) {
      throw new ConfigException(
          "summaries.timezone: required, an IANA time zone such as Europe/Berlin");
    }
    try {
      return ZoneId.of(timezone.strip());
    } catch (DateTimeException e) {
      throw new ConfigException(
          "summaries.timezone: unknown time zone '" + timezone + "', e.g. Europe/Berlin");
    }
  }

  private static LocalTime time(String key, String text) {
    try {
      return LocalTime.parse(text, HH_MM);
    } catch (DateTimeParseException e) {
      throw new ConfigException(key + ": '" + text + "' is not a time HH:MM, e.g. 08:00");
    }
  }

  private static DayOfWeek day(String weekly, String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().equals(upper) || (upper.length() == 3 && day.name().startsWith(upper))) {
        return day;
      }
    }
    throw new ConfigException(
        "summaries.weekly: '" + weekly + "' does not start with a weekday, e.g. \"MONDAY 08:00\"");
  }
}
