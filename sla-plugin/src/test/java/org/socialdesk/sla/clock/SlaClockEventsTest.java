package org.socialdesk.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;
import static org.socialdesk.sla.SlaConfigs.sentiment;
import static org.socialdesk.sla.SlaEvents.deleted;
import static org.socialdesk.sla.SlaEvents.edited;
import static org.socialdesk.sla.SlaEvents.laterPost;
import static org.socialdesk.sla.SlaEvents.newTicket;
import static org.socialdesk.sla.SlaEvents.reply;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.SlaEvents;
import org.socialdesk.sla.TestingDatabase;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.policy.SlaPolicies;

class SlaClockEventsTest {

  private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");

  private final DataSource db = TestingDatabase.create();
  private final SlaPolicies policies =
      config(
              rule("negative", sentiment("negative"), "24x7", "15m", "30m", "4h"),
              rule("default", null, "24x7", "1h", "2h", "1d"))
          .slaPolicies();
  private final SlaClockEvents events = new SlaClockEvents(new SlaJdbc(db), policies);

  private List<Map<String, Object>> clocks() {
    return TestingDatabase.query(
        db,
        "SELECT target, policy, state, started_at, due_at, warning_at, next_check_at, ended_at, ending, agent,"
            + " took_seconds, channel, language, sentiment, influence, intent, queue, visibility, initial_priority,"
            + " started_day, started_week FROM sla_clock ORDER BY id");
  }

  private static Instant instant(Object value) {
    return ((OffsetDateTime) value).toInstant();
  }

  @Test
  void newTicketStartsFirstResponseAndResolutionAtThePostsTimeWithTheMatchedPolicy() {
    var post = SlaEvents.post("mastodon", "p1", T0, Visibility.PRIVATE);
    events.onPostRouted(
        SlaEvents.routed(
            SlaEvents.ticket("7"),
            post,
            SlaEvents.enrichment(
                "TH",
                Sentiment.Label.NEGATIVE,
                Influence.Tier.VIP,
                Intent.COMPLAINT,
                50,
                "social-vip"),
            true));

    List<Map<String, Object>> clocks = clocks();
    assertThat(clocks)
        .extracting(c -> c.get("target"))
        .containsExactly("first-response", "resolution");
    Map<String, Object> first = clocks.getFirst();
    assertThat(first)
        .containsEntry("policy", "negative")
        .containsEntry("state", "running")
        .containsEntry("channel", "mastodon")
        .containsEntry("language", "th")
        .containsEntry("sentiment", "negative")
        .containsEntry("influence", "vip")
        .containsEntry("intent", "complaint")
        .containsEntry("queue", "social-vip")
        .containsEntry("visibility", "private")
        .containsEntry("initial_priority", 50)
        .containsEntry("started_day", "2026-03-10")
        .containsEntry("started_week", "2026-W11");
    assertThat(instant(first.get("started_at"))).isEqualTo(T0);
    assertThat(instant(first.get("due_at"))).isEqualTo(T0.plusSeconds(15 * 60));
    assertThat(instant(first.get("warning_at"))).isEqualTo(T0.plusSeconds(12 * 60));
    assertThat(instant(first.get("next_check_at"))).isEqualTo(T0.plusSeconds(12 * 60));
    assertThat(instant(clocks.get(1).get("due_at"))).isEqualTo(T0.plusSeconds(4 * 3600));
  }

  @Test
  void eventDeliveredTwiceStartsEachClockOnce() {
    events.onPostRouted(newTicket("7", "p1", T0));
    events.onPostRouted(newTicket("7", "p1", T0));
    events.onPostRouted(laterPost("7", "p2", T0.plusSeconds(60)));
    events.onPostRouted(laterPost("7", "p2", T0.plusSeconds(60)));

    assertThat(clocks())
        .extracting(c -> c.get("target"))
        .containsExactly("first-response", "resolution");
  }

  @Test
  void replyAnswersTheRunningResponseClockAtPublicationAndRecordsTheAgent() {
    events.onPostRouted(newTicket("7", "p1", T0));
    events.onReplyPublished(reply("7", "p1", "alice", T0.plusSeconds(600)));
    events.onReplyPublished(reply("7", "p1", "bob", T0.plusSeconds(900)));

    Map<String, Object> first = clocks().getFirst();
    assertThat(first)
        .containsEntry("state", "met")
        .containsEntry("ending", "answered")
        .containsEntry("agent", "alice")
        .containsEntry("took_seconds", 600L);
    assertThat(instant(first.get("ended_at"))).isEqualTo(T0.plusSeconds(600));
    assertThat(clocks().get(1)).containsEntry("state", "running"); // resolution goes on
  }

  @Test
  void resolvingTheTicketEndsItsResolutionClockAndNothingElse() {
    events.onPostRouted(newTicket("7", "p1", T0));
    events.onTicketStatusChanged(
        new SocialdeskEvent.TicketStatusChanged(
            SlaEvents.ticket("7"), "open", "stalled", false, "alice", T0.plusSeconds(60)));
    events.onTicketStatusChanged(
        new SocialdeskEvent.TicketStatusChanged(
            SlaEvents.ticket("7"), "open", "resolved", true, "alice", T0.plusSeconds(1200)));

    assertThat(clocks().getFirst()).containsEntry("state", "running");
    assertThat(clocks().get(1))
        .containsEntry("state", "met")
        .containsEntry("ending", "answered")
        .containsEntry("agent", "alice");
  }

  @Test
  void lateReplyEndsTheClockAsABreach() {
    events.onPostRouted(newTicket("7", "p1", T0));
    events.onReplyPublished(reply("7", "p1", "alice", T0.plusSeconds(2 * 3600)));

    assertThat(clocks().getFirst())
        .containsEntry("state", "breached")
        .containsEntry("ending", "answered");
  }

  @Test
  void laterPostAfterAnAnswerStartsANextResponseClockWithTheTicketsPolicy() {
    events.onPostRouted(
        SlaEvents.routed(
            SlaEvents.ticket("7"),
            SlaEvents.post("x", "p1", T0, Visibility.PUBLIC),
            SlaEvents.enrichment(null, Sentiment.Label.NEGATIVE, null, null, 30, null),
            true));
    events.onReplyPublished(reply("7", "p1", "alice", T0.plusSeconds(300)));
    Instant later = T0.plusSeconds(3600);
    events.onPostRouted(laterPost("7", "p2", later)); // neutral post, but the ticket's policy stays

    Map<String, Object> next = clocks().get(2);
    assertThat(next)
        .containsEntry("target", "next-response")
        .containsEntry("policy", "negative")
        .containsEntry("state", "running")
        .containsEntry("initial_priority", 30);
    assertThat(instant(next.get("due_at"))).isEqualTo(later.plusSeconds(30 * 60));
  }

  @Test
  void laterPostWhileTheCustomerIsStillWaitingStartsNoSecondClock() {
    events.onPostRouted(newTicket("7", "p1", T0));
    events.onPostRouted(laterPost("7", "p2", T0.plusSeconds(60)));

    assertThat(clocks())
        .extracting(c -> c.get("target"))
        .containsExactly("first-response", "resolution");
  }

  @Test
  void deletingTheOnlyUnansweredPostBeforeTheDeadlineCancelsTheResponseAndResolutionClocks() {
    events.onPostRouted(newTicket("7", "p1", T0));
    events.onPostChanged(deleted("7", "p1", T0.plusSeconds(60)));

    assertThat(clocks()).extracting(c -> c.get("state")).containsExactly("cancelled", "cancelled");
    assertThat(clocks()).extracting(c -> c.get("ending")).containsExactly("withdrawn", "withdrawn");
  }

  @Test
  void deletingAfterTheDeadlineLeavesABreach() {
    events.onPostRouted(newTicket("7", "p1", T0));
    events.onPostChanged(deleted("7", "p1", T0.plusSeconds(2 * 3600)));

    assertThat(clocks().getFirst())
        .containsEntry("state", "breached")
        .containsEntry("ending", "withdrawn");
  }

  @Test
  void deletingOneOfTwoUnansweredPostsOrEditingChangesNoClock() {
    events.onPostRouted(newTicket("7", "p1", T0));
    events.onPostRouted(laterPost("7", "p2", T0.plusSeconds(60)));
    events.onPostChanged(edited("7", "p1", T0.plusSeconds(90)));
    events.onPostChanged(deleted("7", "p1", T0.plusSeconds(120)));

    assertThat(clocks()).extracting(c -> c.get("state")).containsExactly("running", "running");
  }

  @Test
  void replyPublishedLongBeforeANewPostDoesNotStopItsClock() {
    events.onPostRouted(newTicket("7", "p1", T0));
    events.onReplyPublished(reply("7", "p1", "alice", T0.plusSeconds(60)));
    events.onPostRouted(laterPost("7", "p2", T0.plusSeconds(3600)));
    events.onReplyPublished(reply("7", "p1", "alice", T0.plusSeconds(60))); // delivered again, late

    assertThat(clocks().get(2))
        .containsEntry("target", "next-response")
        .containsEntry("state", "running");
  }
}
