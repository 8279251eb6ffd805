package org.socialdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.SlaConfigs.calendars;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.alert.SlaAlertOutbox;
import org.socialdesk.sla.clock.SlaClockEvents;
import org.socialdesk.sla.clock.SlaTicker;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.config.SlaCalendarConfig;
import org.socialdesk.sla.config.SlaEscalationConfig;
import org.socialdesk.sla.config.SlaWeekConfig;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.SettableClock;

/**
 * The SLA comments Socialdesk writes on a ticket say when the target is due as the date and time in
 * the zone of the ticket's calendar, the zone its business hours are read in: a post at 23:55 in
 * Bangkok with a 15-minute target is due at 00:10 the next local day, not "17:10 UTC" on a date the
 * agents there have already left.
 */
class SlaCommentTimesTest {

  @ParameterizedTest
  @CsvSource({
    "24x7, 2026-03-10T16:55:00Z, 2026-03-10 17:10 UTC",
    "Asia/Bangkok, 2026-03-10T16:55:00Z, 2026-03-11 00:10 Asia/Bangkok (UTC+07:00)",
    "Asia/Tehran, 2026-03-10T20:25:00Z, 2026-03-11 00:10 Asia/Tehran (UTC+03:30)",
    "Europe/London, 2026-01-10T23:55:00Z, 2026-01-11 00:10 Europe/London (UTC)"
  })
  void commentsGiveTheDueDateAndTimeInTheCalendarsZone(String zone, Instant posted, String due) {
    SlaCalendarConfig always =
        new SlaCalendarConfig(
            "business-hours",
            zone.equals("24x7") ? "UTC" : zone,
            new SlaWeekConfig(
                List.of("00:00-24:00"),
                List.of("00:00-24:00"),
                List.of("00:00-24:00"),
                List.of("00:00-24:00"),
                List.of("00:00-24:00"),
                List.of("00:00-24:00"),
                List.of("00:00-24:00")),
            null,
            null);
    SlaPolicies policies =
        config(
                calendars("local", always),
                rule("default", null, zone.equals("24x7") ? "24x7" : "local", "15m", "1h", "1d"))
            .slaPolicies();
    SlaJdbc jdbc = new SlaJdbc(TestingDatabase.create());
    SettableClock clock = new SettableClock(posted);
    FakeHelpdesk helpdesk = new FakeHelpdesk();
    SlaTicker ticker =
        new SlaTicker(
            jdbc, policies, SlaEscalationConfig.DEFAULTS, false, new ImmediateEventBus(), clock);
    SlaAlertOutbox outbox = new SlaAlertOutbox(jdbc, helpdesk, null, clock);
    helpdesk.agentSetsPriority(SlaEvents.ticket("7"), 50);
    new SlaClockEvents(jdbc, policies)
        .onPostRouted(
            SlaEvents.routed(
                SlaEvents.ticket("7"),
                SlaEvents.post("x", "p1", posted, Visibility.PUBLIC),
                org.socialdesk.api.enrich.Enrichment.NONE,
                true));

    clock.set(posted.plus(Duration.ofMinutes(13)));
    SlaPlugin.tick(ticker, outbox);
    clock.set(posted.plus(Duration.ofMinutes(16)));
    SlaPlugin.tick(ticker, outbox);

    assertThat(helpdesk.notes)
        .extracting(FakeHelpdesk.Note::text)
        .containsExactly(
            "SLA warning: first response due at " + due + " (policy default, 80% of 15m used)",
            "SLA breached: first response was due at " + due + " (policy default, target 15m)");
  }
}
