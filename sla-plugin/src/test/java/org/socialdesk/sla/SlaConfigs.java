package org.socialdesk.sla;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socialdesk.sla.config.SlaCalendarConfig;
import org.socialdesk.sla.config.SlaConfig;
import org.socialdesk.sla.config.SlaMatchConfig;
import org.socialdesk.sla.config.SlaPolicyConfig;
import org.socialdesk.sla.config.SlaWeekConfig;

/** Short ways to write configuration records in tests, as the binder would produce them. */
public final class SlaConfigs {

  private SlaConfigs() {}

  public static SlaConfig config(
      Map<String, SlaCalendarConfig> calendars, SlaPolicyConfig... policies) {
    return new SlaConfig(null, null, calendars, List.of(policies), null, null);
  }

  public static SlaConfig config(SlaPolicyConfig... policies) {
    return config(Map.of(), policies);
  }

  public static SlaPolicyConfig rule(
      String name,
      SlaMatchConfig match,
      String calendar,
      String first,
      String next,
      String resolution) {
    return new SlaPolicyConfig(
        name, match, calendar, duration(first), duration(next), duration(resolution), null);
  }

  public static SlaPolicyConfig rule(String name, SlaMatchConfig match) {
    return rule(name, match, null, null, null, null);
  }

  public static SlaMatchConfig sentiment(String... values) {
    return new SlaMatchConfig(null, null, null, List.of(values), null, null, null);
  }

  public static SlaMatchConfig influence(String... values) {
    return new SlaMatchConfig(null, null, null, null, List.of(values), null, null);
  }

  public static SlaMatchConfig visibility(String... values) {
    return new SlaMatchConfig(null, List.of(values), null, null, null, null, null);
  }

  public static SlaCalendarConfig businessHours(String zone, SlaWeekConfig hours) {
    return new SlaCalendarConfig("business-hours", zone, hours, null, null);
  }

  public static SlaWeekConfig weekdays(String... intervals) {
    List<String> day = List.of(intervals);
    return new SlaWeekConfig(day, day, day, day, day, null, null);
  }

  public static Map<String, SlaCalendarConfig> calendars(Object... namesAndConfigs) {
    Map<String, SlaCalendarConfig> calendars = new LinkedHashMap<>();
    for (int i = 0; i < namesAndConfigs.length; i += 2) {
      calendars.put((String) namesAndConfigs[i], (SlaCalendarConfig) namesAndConfigs[i + 1]);
    }
    return calendars;
  }

  /** {@code 15m}, {@code 2h}, {@code 1d} or {@code -5m}, as the host's binder reads them. */
  public static Duration duration(String text) {
    if (text == null) {
      return null;
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException(text);
    };
  }
}
