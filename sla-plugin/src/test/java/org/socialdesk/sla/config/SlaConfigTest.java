package org.socialdesk.sla.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socialdesk.sla.SlaConfigs.businessHours;
import static org.socialdesk.sla.SlaConfigs.calendars;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.influence;
import static org.socialdesk.sla.SlaConfigs.rule;
import static org.socialdesk.sla.SlaConfigs.sentiment;
import static org.socialdesk.sla.SlaConfigs.visibility;
import static org.socialdesk.sla.SlaConfigs.weekdays;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Influence.Tier;
import org.socialdesk.api.enrich.Sentiment.Label;
import org.socialdesk.sla.calendar.BusinessCalendar;
import org.socialdesk.sla.calendar.BusinessHours;
import org.socialdesk.sla.policy.Facts;
import org.socialdesk.sla.policy.SlaMatch;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.sla.policy.SlaPolicy;

class SlaConfigTest {

  private static final String NL = System.lineSeparator();
  private static final Map<String, SlaCalendarConfig> OFFICE =
      calendars("office", businessHours("Europe/Berlin", weekdays("09:00-18:00")));

  // ---- defaults and a full mapping

  @Test
  void emptySectionRunsClocksWithTheBuiltInDefault() {
    SlaConfig empty = new SlaConfig(null, null, null, null, null, null);

    assertThat(empty.enabled()).isTrue();
    assertThat(empty.warningAt()).isEqualTo(0.8);
    assertThat(empty.calendars()).isEmpty();
    assertThat(empty.policies()).isEmpty();
    assertThat(empty.slaPolicies()).isEqualTo(SlaPolicies.BUILT_IN);
  }

  @Test
  void fullSectionMapsEveryKey() {
    SlaCalendarConfig bangkok =
        new SlaCalendarConfig(
            "business-hours",
            "Asia/Bangkok",
            new SlaWeekConfig(
                List.of("09:00-12:00", "13:00-18:00"),
                List.of("09:00-18:00"),
                List.of("09:00-18:00"),
                List.of("09:00-18:00"),
                List.of("09:00-17:00"),
                List.of("10:00-14:00"),
                null),
            List.of("2026-12-31", "2027-01-01"),
            Map.of("2026-12-24", List.of("09:00-12:00")));
    SlaConfig config =
        new SlaConfig(
            false,
            0.75,
            calendars(
                "always",
                new SlaCalendarConfig("24x7", null, null, null, null),
                "office-bkk",
                bangkok),
            List.of(
                new SlaPolicyConfig(
                    "vip-negative",
                    new SlaMatchConfig(
                        List.of("x"),
                        List.of("public"),
                        List.of("th"),
                        List.of("negative"),
                        List.of("vip", "high"),
                        List.of("complaint"),
                        List.of("social")),
                    "always",
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(30),
                    Duration.ofHours(4),
                    0.5),
                rule("default", null, "office-bkk", "1h", "2h", "1d")),
            null,
            null);

    SlaPolicies policies = config.slaPolicies();

    assertThat(config.enabled()).isFalse();
    SlaPolicy vip = policies.rules().getFirst();
    assertThat(vip)
        .isEqualTo(
            new SlaPolicy(
                "vip-negative",
                new SlaMatch(
                    Set.of("x"),
                    Set.of(org.socialdesk.api.social.Visibility.PUBLIC),
                    Set.of("th"),
                    Set.of(Label.NEGATIVE),
                    Set.of(Tier.VIP, Tier.HIGH),
                    Set.of(org.socialdesk.api.enrich.Intent.COMPLAINT),
                    Set.of("social")),
                "always",
                BusinessCalendar.ALWAYS_OPEN,
                Duration.ofMinutes(15),
                Duration.ofMinutes(30),
                Duration.ofHours(4),
                0.5));
    SlaPolicy fallback = policies.fallback();
    assertThat(fallback.name()).isEqualTo("default");
    assertThat(fallback.warningAt()).isEqualTo(0.75);
    BusinessHours hours = (BusinessHours) fallback.calendar();
    assertThat(hours.zone()).isEqualTo(ZoneId.of("Asia/Bangkok"));
    assertThat(hours.week().get(DayOfWeek.MONDAY)).hasToString("[09:00-12:00, 13:00-18:00]");
    assertThat(hours.week().get(DayOfWeek.SUNDAY).isClosed()).isTrue();
    assertThat(hours.holidays())
        .containsExactlyInAnyOrder(LocalDate.parse("2026-12-31"), LocalDate.parse("2027-01-01"));
    assertThat(hours.hoursOn(LocalDate.parse("2026-12-24"))).hasToString("[09:00-12:00]");
  }

  // ---- section

  @Test
  void warningFractionOutsideZeroToOneIsAProblem() {
    assertProblem(
        () -> new SlaConfig(null, 1.0, null, null, null, null),
        "warning-at must be a fraction within (0, 1), e.g. 0.8; got 1.0");
    assertProblem(
        () -> new SlaConfig(null, 0.0, null, null, null, null),
        "warning-at must be a fraction within (0, 1), e.g. 0.8; got 0.0");
  }

  @Test
  void everyProblemIsCollectedIntoOneNumberedMessage() {
    assertThatThrownBy(
            () ->
                new SlaConfig(
                    null,
                    2.0,
                    OFFICE,
                    List.of(rule("a", sentiment("furious"), "nowhere", "0m", null, null)),
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "SLA configuration has 4 problems:"
                + NL
                + "    1. warning-at must be a fraction within (0, 1), e.g. 0.8; got 2.0"
                + NL
                + "    2. policies[0] 'a': match.sentiment[0]: unknown value 'furious'; known values: negative, neutral, positive"
                + NL
                + "    3. policies[0] 'a': unknown calendar 'nowhere'; known calendars: 24x7, office"
                + NL
                + "    4. policies[0] 'a': first-response must be a positive duration such as 15m, 2h or 1d; got 0s");
  }

  // ---- rules

  @Test
  void unknownCalendarNamesTheRuleAndTheKnownCalendars() {
    assertProblem(
        () -> config(OFFICE, rule("vip", sentiment("negative"), "ofice", null, null, null)),
        "policies[0] 'vip': unknown calendar 'ofice'; known calendars: 24x7, office");
  }

  @Test
  void calendarWithProblemsIsNotAlsoReportedAsUnknown() {
    assertThatThrownBy(
            () ->
                config(
                    calendars("office", businessHours("Europe/Berlin", friday("25:00-26:00"))),
                    rule("default", null, "office", null, null, null)))
        .hasMessageStartingWith("SLA configuration has 1 problem:")
        .hasMessageContaining("calendars.office.hours.fri[0]");
  }

  @Test
  void unknownMatchValuesNameTheRuleTheKeyAndTheKnownValues() {
    assertProblem(
        () -> config(rule("r", sentiment("angry"))),
        "policies[0] 'r': match.sentiment[0]: unknown value 'angry'; known values: negative, neutral, positive");
    assertProblem(
        () -> config(rule("r", influence("vip", "celebrity"))),
        "policies[0] 'r': match.influence[1]: unknown value 'celebrity'; known values: low, medium, high, vip");
    assertProblem(
        () ->
            config(
                rule(
                    "r",
                    new SlaMatchConfig(null, null, null, null, null, List.of("purchase"), null))),
        "policies[0] 'r': match.intent[0]: unknown value 'purchase'; known values: complaint, question, praise,"
            + " purchase-intent, spam, other");
    assertProblem(
        () -> config(rule("r", visibility("dm"))),
        "policies[0] 'r': match.visibility[0]: unknown value 'dm'; known values: public, private");
    assertProblem(
        () ->
            config(
                rule(
                    "r",
                    new SlaMatchConfig(null, null, List.of("english"), null, null, null, null))),
        "policies[0] 'r': match.language[0]: 'english' is not an ISO 639 language code such as en or th");
  }

  @Test
  void emptyMatchValueIsAProblem() {
    assertProblem(
        () -> config(rule("r", sentiment("negative", " "))),
        "policies[0] 'r': match.sentiment[1]: is empty");
  }

  @Test
  void nonPositiveTargetsNameTheRuleAndTheKey() {
    assertProblem(
        () -> config(rule("r", null, null, "0m", null, null)),
        "policies[0] 'r': first-response must be a positive duration such as 15m, 2h or 1d; got 0s");
    assertProblem(
        () -> config(rule("r", null, null, null, "-5m", null)),
        "policies[0] 'r': next-response must be a positive duration such as 15m, 2h or 1d; got -5m");
    assertProblem(
        () -> config(rule("r", null, null, null, null, "0d")),
        "policies[0] 'r': resolution must be a positive duration such as 15m, 2h or 1d; got 0s");
  }

  @Test
  void ruleWarningFractionOutsideZeroToOneIsAProblem() {
    assertProblem(
        () -> config(new SlaPolicyConfig("r", null, null, null, null, null, 1.2)),
        "policies[0] 'r': warning-at must be a fraction within (0, 1), e.g. 0.8; got 1.2");
  }

  @Test
  void ruleWithoutANameIsAProblemNamedByIndex() {
    assertProblem(
        () -> config(rule("a", sentiment("negative")), rule(null, visibility("public"))),
        "policies[1]: needs a name");
  }

  @Test
  void emptyRuleIsAProblem() {
    assertProblem(
        () ->
            new SlaConfig(
                null,
                null,
                null,
                Arrays.asList(rule("a", sentiment("negative")), null),
                null,
                null),
        "policies[1]: is empty; a rule needs at least a name");
  }

  @Test
  void twoRulesWithOneNameIsAProblem() {
    assertProblem(
        () -> config(rule("neg", sentiment("negative")), rule("neg", visibility("public"))),
        "policies[1] 'neg': another rule has the same name; names must be unique");
  }

  @Test
  void defaultRuleWithAMatchIsAProblem() {
    assertProblem(
        () -> config(rule("default", sentiment("negative"))),
        "policies[0] 'default': the default rule applies when no other matches and takes no match; remove it");
  }

  @Test
  void ruleWithoutAMatchBeforeOtherRulesIsAProblem() {
    assertProblem(
        () -> config(rule("all", null), rule("neg", sentiment("negative")), rule("default", null)),
        "policies[0] 'all': has no match, so it takes every conversation and policies[1] 'neg' would never apply;"
            + " give it a match, or name it default");
  }

  @Test
  void lastRuleWithoutAMatchIsACatchAll() {
    SlaPolicies policies =
        config(rule("neg", sentiment("negative")), rule("all", null)).slaPolicies();

    assertThat(policies.match(Facts.NONE).name()).isEqualTo("all");
  }

  // ---- calendars

  @Test
  void badHoursNameTheCalendarTheDayAndTheEntry() {
    assertProblem(
        () -> config(calendars("office", businessHours("Europe/Berlin", friday("25:00-18:00")))),
        "calendars.office.hours.fri[0]: '25:00-18:00': '25:00' is not a time of day; write HH:MM from 00:00 to 23:59 (24:00 only as an end)");
    assertProblem(
        () ->
            config(
                calendars(
                    "office",
                    businessHours("Europe/Berlin", friday("09:00-12:00", "18:00-09:00")))),
        "calendars.office.hours.fri[1]: '18:00-09:00' ends before it starts; split an overnight shift at midnight,"
            + " e.g. 18:00-24:00 on one day and 00:00-09:00 on the next");
    assertProblem(
        () -> config(calendars("office", businessHours("Europe/Berlin", friday("9-5")))),
        "calendars.office.hours.fri[0]: '9-5': '9' is not a time of day; write HH:MM from 00:00 to 23:59 (24:00 only as an end)");
    assertProblem(
        () -> config(calendars("office", businessHours("Europe/Berlin", friday("nine to five")))),
        "calendars.office.hours.fri[0]: 'nine to five' is not an interval; write HH:MM-HH:MM, e.g. 09:00-18:00");
    assertProblem(
        () ->
            config(
                calendars(
                    "office",
                    businessHours("Europe/Berlin", friday("09:00-13:00", "12:00-18:00")))),
        "calendars.office.hours.fri: 09:00-13:00 overlaps 12:00-18:00");
  }

  @Test
  void calendarWithoutOpenHoursIsAProblem() {
    assertProblem(
        () -> config(calendars("office", businessHours("Europe/Berlin", friday()))),
        "calendars.office: hours has no open time on any day, so no deadline would ever come");
    assertProblem(
        () -> config(calendars("office", businessHours("Europe/Berlin", null))),
        "calendars.office: needs hours, e.g. hours: {mon: [\"09:00-18:00\"]}");
  }

  @Test
  void businessHoursNeedAKnownZone() {
    assertProblem(
        () -> config(calendars("office", businessHours(null, weekdays("09:00-18:00")))),
        "calendars.office: needs a zone, e.g. zone: Asia/Bangkok (the server's own zone is never assumed)");
    assertProblem(
        () -> config(calendars("office", businessHours("Europe/Bangkok", weekdays("09:00-18:00")))),
        "calendars.office: zone 'Europe/Bangkok' is not a time zone; write an IANA name such as Europe/Berlin");
  }

  @Test
  void badHolidayAndOverrideDatesAreProblems() {
    SlaCalendarConfig calendar =
        new SlaCalendarConfig(
            "business-hours",
            "Europe/Berlin",
            weekdays("09:00-18:00"),
            List.of("2026-12-31", "31.12.2026"),
            Map.of("2026-02-30", List.of("09:00-12:00")));

    assertThatThrownBy(() -> config(calendars("office", calendar)))
        .hasMessageContaining(
            "1. calendars.office.holidays[1]: '31.12.2026' is not a date; write YYYY-MM-DD, e.g. 2026-12-31")
        .hasMessageContaining(
            "2. calendars.office.overrides.2026-02-30: '2026-02-30' is not a date; write YYYY-MM-DD");
  }

  @Test
  void badOverrideHoursAreAProblem() {
    SlaCalendarConfig calendar =
        new SlaCalendarConfig(
            "business-hours",
            "Europe/Berlin",
            weekdays("09:00-18:00"),
            null,
            Map.of("2026-12-24", List.of("09:00-25:00")));

    assertProblem(
        () -> config(calendars("office", calendar)),
        "calendars.office.overrides.2026-12-24[0]: '09:00-25:00': '25:00' is not a time of day; write HH:MM from 00:00 to 23:59 (24:00 only as an end)");
  }

  @Test
  void calendarTypeMustBeKnown() {
    assertProblem(
        () ->
            config(
                calendars("office", new SlaCalendarConfig("office-hours", null, null, null, null))),
        "calendars.office: type must be 24x7 or business-hours, got 'office-hours'");
    assertProblem(
        () ->
            config(
                calendars(
                    "office", new SlaCalendarConfig(null, "Europe/Berlin", null, null, null))),
        "calendars.office: type must be 24x7 or business-hours, got nothing");
  }

  @Test
  void alwaysOpenCalendarTakesNoHours() {
    assertProblem(
        () ->
            config(
                calendars(
                    "always", new SlaCalendarConfig("24x7", "Europe/Berlin", null, null, null))),
        "calendars.always: type 24x7 is always open and takes no zone, hours, holidays or overrides");
  }

  @Test
  void builtInCalendarNameCannotBeRedefined() {
    assertProblem(
        () -> config(calendars("24x7", businessHours("Europe/Berlin", weekdays("09:00-18:00")))),
        "calendars.24x7: the name 24x7 is built in (always open); choose another");
  }

  @Test
  void emptyCalendarIsAProblem() {
    assertProblem(
        () -> config(calendars("office", null)),
        "calendars.office: is empty; give it a type: 24x7 or business-hours");
  }

  private static SlaWeekConfig friday(String... intervals) {
    return new SlaWeekConfig(null, null, null, null, List.of(intervals), null, null);
  }

  private static void assertProblem(Supplier<SlaConfig> config, String problem) {
    assertThatThrownBy(config::get)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SLA configuration has 1 problem:" + NL + "    1. " + problem);
  }
}
