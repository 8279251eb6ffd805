package org.socialdesk.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.sla.policy.SlaPolicy;
import org.socialdesk.sla.policy.SlaTarget;

class SlaPostChangesTest {

  private static final TicketRef TICKET = new TicketRef("rt", "7");
  private static final Instant POSTED = Instant.parse("2026-03-10T10:00:00Z");
  private static final PostKey FIRST = new PostKey("x", "1");
  private static final PostKey SECOND = new PostKey("x", "2");

  private final SlaClock firstResponse = clock(SlaTarget.FIRST_RESPONSE);
  private final SlaClock resolution = clock(SlaTarget.RESOLUTION);

  private static SlaClock clock(SlaTarget target) {
    return SlaClock.start(TICKET, target, SlaPolicy.BUILT_IN_DEFAULT, POSTED);
  }

  @Test
  void editDoesNotRestartOrStopTheClock() {
    assertThat(SlaPostChanges.afterEdit(firstResponse)).isSameAs(firstResponse);
  }

  @Test
  void deletingTheOnlyUnansweredPostCancelsTheResponseClock() {
    Instant deleted = POSTED.plus(Duration.ofMinutes(20));

    SlaClock after = SlaPostChanges.afterDelete(firstResponse, FIRST, deleted, Set.of(FIRST), 0);

    assertThat(after.stateAt(deleted.plus(Duration.ofHours(5))))
        .isEqualTo(new SlaState.Cancelled(deleted));
  }

  @Test
  void deletingTheOnlyUnansweredFollowUpCancelsTheNextResponseClock() {
    SlaClock next = clock(SlaTarget.NEXT_RESPONSE);

    SlaClock after =
        SlaPostChanges.afterDelete(next, SECOND, POSTED.plusSeconds(60), Set.of(SECOND), 1);

    assertThat(after.stateAt(POSTED.plusSeconds(60))).isInstanceOf(SlaState.Cancelled.class);
  }

  @Test
  void deletingOneOfSeveralUnansweredPostsKeepsTheClockFromTheFirst() {
    SlaClock after =
        SlaPostChanges.afterDelete(
            firstResponse, FIRST, POSTED.plusSeconds(60), Set.of(FIRST, SECOND), 1);

    assertThat(after).isSameAs(firstResponse);
  }

  @Test
  void deletingAnAnsweredPostChangesNothing() {
    assertThat(
            SlaPostChanges.afterDelete(
                firstResponse, FIRST, POSTED.plusSeconds(60), Set.of(SECOND), 1))
        .isSameAs(firstResponse);
  }

  @Test
  void deletingAfterTheDeadlineEndsTheClockAsABreach() {
    Instant deleted = firstResponse.dueAt().plus(Duration.ofMinutes(10));

    SlaState state =
        SlaPostChanges.afterDelete(firstResponse, FIRST, deleted, Set.of(FIRST), 0)
            .stateAt(deleted);

    assertThat(state)
        .isEqualTo(new SlaState.Breached(Duration.ofMinutes(70), Duration.ofMinutes(10), deleted));
  }

  @Test
  void resolutionClockRunsOnWhileAnyCustomerPostIsLeft() {
    assertThat(
            SlaPostChanges.afterDelete(resolution, FIRST, POSTED.plusSeconds(60), Set.of(FIRST), 1))
        .isSameAs(resolution);
  }

  @Test
  void resolutionClockIsCancelledWhenTheCustomerDeletedEveryPost() {
    SlaClock after =
        SlaPostChanges.afterDelete(resolution, FIRST, POSTED.plusSeconds(60), Set.of(FIRST), 0);

    assertThat(after.stateAt(POSTED.plusSeconds(120)))
        .isEqualTo(new SlaState.Cancelled(POSTED.plusSeconds(60)));
  }

  @Test
  void anEndedClockIsNotTouchedByALaterDelete() {
    SlaClock answered = firstResponse.answered(POSTED.plusSeconds(600));

    assertThat(
            SlaPostChanges.afterDelete(answered, FIRST, POSTED.plusSeconds(900), Set.of(FIRST), 0))
        .isSameAs(answered);
  }
}
