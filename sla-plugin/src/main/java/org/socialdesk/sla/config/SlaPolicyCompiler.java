package org.socialdesk.sla.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.socialdesk.sla.calendar.BusinessCalendar;
import org.socialdesk.sla.policy.SlaMatch;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.sla.policy.SlaPolicy;

/**
 * Turns the bound {@code plugins.sla} section into {@link SlaPolicies}, collecting every problem,
 * each naming its calendar or its rule (index and name), and failing once with all of them.
 */
final class SlaPolicyCompiler {

  private final List<String> problems;
  private final Map<String, BusinessCalendar> calendars;
  private final Set<String> brokenCalendars;

  private SlaPolicyCompiler(
      List<String> problems, Map<String, BusinessCalendar> calendars, Set<String> brokenCalendars) {
    this.problems = problems;
    this.calendars = calendars;
    this.brokenCalendars = brokenCalendars;
  }

  /**
   * @throws IllegalArgumentException listing every problem, numbered, in the order of the file
   */
  static SlaPolicies compile(
      double warningAt, Map<String, SlaCalendarConfig> calendars, List<SlaPolicyConfig> policies) {
    SlaPolicyCompiler compiler =
        new SlaPolicyCompiler(new ArrayList<>(), new LinkedHashMap<>(), new HashSet<>());
    SlaPolicies compiled = compiler.run(warningAt, calendars, policies);
    if (!compiler.problems.isEmpty()) {
      throw new IllegalArgumentException(message(compiler.problems));
    }
    return compiled;
  }

  private static String message(List<String> problems) {
    StringBuilder text =
        new StringBuilder("SLA configuration has ")
            .append(problems.size() == 1 ? "1 problem:" : problems.size() + " problems:");
    for (int i = 0; i < problems.size(); i++) {
      text.append(System.lineSeparator())
          .append("    ")
          .append(i + 1)
          .append(". ")
          .append(problems.get(i));
    }
    return text.toString();
  }

  private SlaPolicies run(
      double warningAt, Map<String, SlaCalendarConfig> configs, List<SlaPolicyConfig> policies) {
    if (!(warningAt > 0 && warningAt < 1)) {
      problems.add("warning-at must be a fraction within (0, 1), e.g. 0.8; got " + warningAt);
      warningAt = SlaPolicies.DEFAULT_WARNING_AT;
    }
    calendars.put(SlaPolicies.ALWAYS_OPEN_NAME, BusinessCalendar.ALWAYS_OPEN);
    configs.forEach(this::addCalendar);
    SlaPolicy fallback = builtInDefault(warningAt);
    int defaultIndex = indexOfDefault(policies);
    if (defaultIndex >= 0) {
      // Other rules inherit from the default rule, wherever it stands; its problems are
      // reported in order below.
      SlaPolicyCompiler quiet =
          new SlaPolicyCompiler(new ArrayList<>(), calendars, brokenCalendars);
      SlaPolicy compiled = quiet.rule(defaultIndex, policies.get(defaultIndex), fallback);
      fallback = compiled != null ? compiled : fallback;
    }
    List<SlaPolicy> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < policies.size(); i++) {
      SlaPolicyConfig config = policies.get(i);
      if (config != null && config.name() != null && !names.add(config.name())) {
        problems.add(label(i, config) + ": another rule has the same name; names must be unique");
      }
      SlaPolicy compiled =
          rule(i, config, i == defaultIndex ? builtInDefault(warningAt) : fallback);
      if (compiled != null && i != defaultIndex) {
        rules.add(compiled);
      }
    }
    checkShadowing(policies, defaultIndex);
    return new SlaPolicies(rules, fallback);
  }

  /** A rule without a match takes every conversation, so the rules after it would never apply. */
  private void checkShadowing(List<SlaPolicyConfig> policies, int defaultIndex) {
    for (int i = 0; i < policies.size(); i++) {
      SlaPolicyConfig config = policies.get(i);
      if (i == defaultIndex || config == null || config.match() != null) {
        continue;
      }
      List<String> shadowed = new ArrayList<>();
      for (int j = i + 1; j < policies.size(); j++) {
        if (j != defaultIndex) {
          shadowed.add(label(j, policies.get(j)));
        }
      }
      if (!shadowed.isEmpty()) {
        problems.add(
            label(i, config)
                + ": has no match, so it takes every conversation and "
                + String.join(", ", shadowed)
                + " would never apply; give it a match, or name it default");
      }
      return;
    }
  }

  private static SlaPolicy builtInDefault(double warningAt) {
    SlaPolicy b = SlaPolicy.BUILT_IN_DEFAULT;
    return new SlaPolicy(
        b.name(),
        b.match(),
        b.calendarName(),
        b.calendar(),
        b.firstResponse(),
        b.nextResponse(),
        b.resolution(),
        warningAt);
  }

  private static int indexOfDefault(List<SlaPolicyConfig> policies) {
    for (int i = 0; i < policies.size(); i++) {
      if (policies.get(i) != null && SlaPolicy.DEFAULT_NAME.equals(policies.get(i).name())) {
        return i;
      }
    }
    return -1;
  }

  // ---- calendars

  private void addCalendar(String name, SlaCalendarConfig config) {
    String where = "calendars." + name;
    int before = problems.size();
    BusinessCalendar calendar = null;
    if (SlaPolicies.ALWAYS_OPEN_NAME.equals(name)) {
      problems.add(
          where
              + ": the name "
              + SlaPolicies.ALWAYS_OPEN_NAME
              + " is built in (always open); choose another");
    } else if (config == null) {
      problems.add(
          where
              + ": is empty; give it a type: "
              + SlaCalendarConfig.ALWAYS_OPEN
              + " or "
              + SlaCalendarConfig.BUSINESS_HOURS);
    } else if (SlaCalendarConfig.ALWAYS_OPEN.equals(config.type())) {
      if (config.zone() != null
          || config.hours() != null
          || !config.holidays().isEmpty()
          || !config.overrides().isEmpty()) {
        problems.add(
            where
                + ": type "
                + SlaCalendarConfig.ALWAYS_OPEN
                + " is always open and takes no zone, hours, holidays or overrides");
      }
      calendar = BusinessCalendar.ALWAYS_OPEN;
    } else if (SlaCalendarConfig.BUSINESS_HOURS.equals(config.type())) {
      calendar = new SlaCalendarCompiler(where, problems).compile(config);
    } else {
      problems.add(
          where
              + ": type must be "
              + SlaCalendarConfig.ALWAYS_OPEN
              + " or "
              + SlaCalendarConfig.BUSINESS_HOURS
              + ", got "
              + (config.type() == null ? "nothing" : "'" + config.type() + "'"));
    }
    if (calendar != null && problems.size() == before) {
      calendars.put(name, calendar);
    } else if (!SlaPolicies.ALWAYS_OPEN_NAME.equals(name)) {
      brokenCalendars.add(name);
    }
  }

  // ---- rules

  /** The rule at {@code index}, with left-out keys from {@code base}; null when it has problems. */
  private SlaPolicy rule(int index, SlaPolicyConfig config, SlaPolicy base) {
    if (config == null) {
      problems.add("policies[" + index + "]: is empty; a rule needs at least a name");
      return null;
    }
    String where = label(index, config);
    int before = problems.size();
    if (config.name() == null || config.name().isBlank()) {
      problems.add(where + ": needs a name");
    }
    boolean isDefault = SlaPolicy.DEFAULT_NAME.equals(config.name());
    SlaMatch match = SlaMatch.ANY;
    if (isDefault && config.match() != null) {
      problems.add(
          where + ": the default rule applies when no other matches and takes no match; remove it");
    } else if (config.match() != null) {
      match = new SlaMatchCompiler(where, problems).compile(config.match());
    }
    String calendarName = config.calendar() != null ? config.calendar() : base.calendarName();
    BusinessCalendar calendar = calendars.get(calendarName);
    if (calendar == null && !brokenCalendars.contains(calendarName)) {
      problems.add(
          where
              + ": unknown calendar '"
              + calendarName
              + "'; known calendars: "
              + String.join(", ", knownCalendars()));
    }
    Duration first = target(where, "first-response", config.firstResponse(), base.firstResponse());
    Duration next = target(where, "next-response", config.nextResponse(), base.nextResponse());
    Duration resolution = target(where, "resolution", config.resolution(), base.resolution());
    double warningAt = base.warningAt();
    if (config.warningAt() != null) {
      warningAt = config.warningAt();
      if (!(warningAt > 0 && warningAt < 1)) {
        problems.add(
            where + ": warning-at must be a fraction within (0, 1), e.g. 0.8; got " + warningAt);
      }
    }
    if (problems.size() != before || calendar == null) {
      return null;
    }
    return new SlaPolicy(
        config.name(), match, calendarName, calendar, first, next, resolution, warningAt);
  }

  private Duration target(String where, String key, Duration value, Duration inherited) {
    if (value == null) {
      return inherited;
    }
    if (value.isNegative() || value.isZero()) {
      problems.add(
          where
              + ": "
              + key
              + " must be a positive duration such as 15m, 2h or 1d; got "
              + text(value));
    }
    return value;
  }

  private List<String> knownCalendars() {
    List<String> known = new ArrayList<>(calendars.keySet());
    known.addAll(brokenCalendars);
    known.sort(null);
    return known;
  }

  private static String label(int index, SlaPolicyConfig config) {
    String name =
        config == null || config.name() == null || config.name().isBlank()
            ? ""
            : " '" + config.name() + "'";
    return "policies[" + index + "]" + name;
  }

  private static String text(Duration value) {
    return value.isZero() ? "0s" : value.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /** Parses {@code texts}, adding a problem for each that {@code parse} refuses. */
  static <T> List<T> parseEach(
      List<String> texts, Function<String, T> parse, String where, List<String> problems) {
    List<T> parsed = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      try {
        if (text == null || text.isBlank()) {
          throw new IllegalArgumentException("is empty");
        }
        parsed.add(parse.apply(text.trim()));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        problems.add(where + "[" + i + "]: " + e.getMessage());
      }
    }
    return parsed;
  }
}
