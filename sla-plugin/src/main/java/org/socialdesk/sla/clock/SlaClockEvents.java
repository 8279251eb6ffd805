package org.socialdesk.sla.clock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.event.SocialdeskEvent.PostChanged;
import org.socialdesk.api.event.SocialdeskEvent.PostRouted;
import org.socialdesk.api.event.SocialdeskEvent.ReplyPublished;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.policy.Facts;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.sla.policy.SlaPolicy;
import org.socialdesk.sla.policy.SlaTarget;

/**
 * Starts and ends stored clocks from the host's events. Events arrive asynchronously and at most
 * once, so each handler is idempotent: a post is recorded once ({@code sla_post}) and a clock
 * started once per (ticket, target, start); a repeated reply finds its clock already ended.
 */
public final class SlaClockEvents {

  /**
   * A reply stops response clocks that started up to this long after it: the network's clock and
   * ours may disagree by a little (the core counts such a reply as taking zero time), while a reply
   * redelivered long after must not stop a newer clock.
   */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private static final String RESPONSE_TARGETS = "('first-response', 'next-response')";

  private final SlaJdbc jdbc;
  private final SlaPolicies policies;

  public SlaClockEvents(SlaJdbc jdbc, SlaPolicies policies) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.policies = Objects.requireNonNull(policies, "policies");
  }

  /**
   * A new ticket starts its first-response and resolution clocks at the post's time; a later post
   * starts a next-response clock unless a response clock is already running.
   */
  public void onPostRouted(PostRouted event) {
    retryOnceOnRace(
        () ->
            jdbc.inTransaction(
                connection -> {
                  if (!recordPost(connection, event)) {
                    return null; // seen before: this event was delivered already
                  }
                  SlaRollup.Changes rollup = new SlaRollup.Changes();
                  if (event.newTicket()) {
                    SlaPolicy policy =
                        policies.match(Facts.of(event.post(), event.enrichment(), null));
                    start(
                        connection,
                        event,
                        SlaTarget.FIRST_RESPONSE,
                        policy,
                        event.enrichment().priority(),
                        rollup);
                    start(
                        connection,
                        event,
                        SlaTarget.RESOLUTION,
                        policy,
                        event.enrichment().priority(),
                        rollup);
                    SlaTicketDue.born(connection, event.ticket(), event.enrichment().due());
                  } else if (!hasRunningResponseClock(connection, event.ticket())) {
                    TicketFirst first = ticketFirst(connection, event.ticket());
                    SlaPolicy policy =
                        first != null
                            ? policies.named(first.policy())
                            : policies.match(Facts.of(event.post(), event.enrichment(), null));
                    Integer priority =
                        first != null ? first.initialPriority() : event.enrichment().priority();
                    start(connection, event, SlaTarget.NEXT_RESPONSE, policy, priority, rollup);
                    SlaTicketDue.clocksChanged(connection, event.ticket());
                  }
                  rollup.flush(connection); // last: see SlaRollup on lock order
                  return null;
                }));
  }

  /**
   * A reply live on the network (public or private) answers the ticket's running response clock.
   */
  public void onReplyPublished(ReplyPublished event) {
    Instant at = event.at();
    jdbc.inTransaction(
        connection -> {
          SlaRollup.Changes rollup = new SlaRollup.Changes();
          for (SlaClockRow row :
              runningClocks(
                  connection,
                  event.ticket(),
                  " AND target IN " + RESPONSE_TARGETS + " AND started_at <= ?",
                  at.plus(CLOCK_SKEW))) {
            answer(connection, row, at, event.agent(), event.ticket(), rollup);
          }
          try (PreparedStatement posts =
              connection.prepareStatement(
                  "UPDATE sla_post SET answered = TRUE WHERE helpdesk = ? AND ticket_id = ? AND deleted = FALSE"
                      + " AND answered = FALSE AND posted_at <= ?")) {
            SlaJdbc.bind(
                posts, event.ticket().helpdesk(), event.ticket().id(), at.plus(CLOCK_SKEW));
            posts.executeUpdate();
          }
          rollup.flush(connection);
          return null;
        });
  }

  /** Resolving (or rejecting) a ticket answers its running resolution clock. */
  public void onTicketStatusChanged(SocialdeskEvent.TicketStatusChanged event) {
    if (!event.closes()) {
      return;
    }
    Instant at = event.at();
    jdbc.inTransaction(
        connection -> {
          SlaRollup.Changes rollup = new SlaRollup.Changes();
          for (SlaClockRow row :
              runningClocks(
                  connection,
                  event.ticket(),
                  " AND target = ? AND started_at <= ?",
                  SlaTarget.RESOLUTION.wireName(),
                  at.plus(CLOCK_SKEW))) {
            answer(connection, row, at, event.agent(), event.ticket(), rollup);
          }
          rollup.flush(connection);
          return null;
        });
  }

  /** Ends a running clock answered at {@code at}; the row is locked by {@link #runningClocks}. */
  private void answer(
      Connection connection,
      SlaClockRow row,
      Instant at,
      String agent,
      TicketRef ticket,
      SlaRollup.Changes rollup)
      throws SQLException {
    SlaClock answered = row.toClock(policies).answered(at);
    String state = SlaClockRow.stateName(answered.stateAt(at));
    long took = answered.elapsed(at).toSeconds();
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE sla_clock SET state = ?, ended_at = ?, ending = ?, agent = ?, took_seconds = ?"
                + " WHERE id = ? AND ended_at IS NULL")) {
      SlaJdbc.bind(update, state, at, SlaClockRow.ANSWERED, agent, took, row.id());
      if (update.executeUpdate() == 1) {
        SlaTicketDue.clocksChanged(connection, ticket);
        rollup.changed(row.counted(), row.countedAnswered(state, agent, took));
      }
    }
  }

  /**
   * An edit changes nothing; a delete withdraws the clocks left with nothing to wait on ({@link
   * SlaPostChanges}).
   */
  public void onPostChanged(PostChanged event) {
    if (!event.deleted()) {
      return;
    }
    jdbc.inTransaction(
        connection -> {
          Set<PostKey> unanswered = new HashSet<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT network, post_id FROM sla_post WHERE helpdesk = ? AND ticket_id = ? AND answered = FALSE"
                      + " AND deleted = FALSE")) {
            SlaJdbc.bind(select, event.ticket().helpdesk(), event.ticket().id());
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                unanswered.add(new PostKey(rows.getString(1), rows.getString(2)));
              }
            }
          }
          int changed;
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "UPDATE sla_post SET deleted = TRUE WHERE network = ? AND post_id = ? AND deleted = FALSE")) {
            changed =
                SlaJdbc.bind(delete, event.post().network(), event.post().postId()).executeUpdate();
          }
          if (changed == 0) {
            return null; // unknown post, or its delete was handled already
          }
          SlaRollup.Changes rollup = new SlaRollup.Changes();
          int left;
          try (PreparedStatement count =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM sla_post WHERE helpdesk = ? AND ticket_id = ? AND deleted = FALSE")) {
            try (ResultSet rows =
                SlaJdbc.bind(count, event.ticket().helpdesk(), event.ticket().id())
                    .executeQuery()) {
              rows.next();
              left = rows.getInt(1);
            }
          }
          for (SlaClockRow row : runningClocks(connection, event.ticket(), "")) {
            SlaClock clock = row.toClock(policies);
            SlaClock after =
                SlaPostChanges.afterDelete(clock, event.post(), event.at(), unanswered, left);
            if (!after.isRunning()) {
              String state = SlaClockRow.stateName(after.stateAt(event.at()));
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "UPDATE sla_clock SET state = ?, ended_at = ?, ending = ? WHERE id = ? AND ended_at IS NULL")) {
                SlaJdbc.bind(update, state, event.at(), SlaClockRow.WITHDRAWN, row.id());
                if (update.executeUpdate() == 1) {
                  SlaTicketDue.clocksChanged(connection, event.ticket());
                  rollup.changed(row.counted(), row.countedAs(state, SlaClockRow.WITHDRAWN));
                }
              }
            }
          }
          rollup.flush(connection);
          return null;
        });
  }

  /** Records the post; false when it was recorded before (the event came twice). */
  private static boolean recordPost(Connection connection, PostRouted event) throws SQLException {
    PostKey key = event.post().key();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sla_post (network, post_id, helpdesk, ticket_id, posted_at, answered, deleted)"
                + " SELECT ?, ?, ?, ?, ?, FALSE, FALSE WHERE NOT EXISTS"
                + " (SELECT 1 FROM sla_post WHERE network = ? AND post_id = ?)")) {
      SlaJdbc.bind(
          insert,
          key.network(),
          key.postId(),
          event.ticket().helpdesk(),
          event.ticket().id(),
          event.post().postedAt(),
          key.network(),
          key.postId());
      return insert.executeUpdate() == 1;
    }
  }

  private static void start(
      Connection connection,
      PostRouted event,
      SlaTarget target,
      SlaPolicy policy,
      Integer priority,
      SlaRollup.Changes rollup)
      throws SQLException {
    SlaClock clock = SlaClock.start(event.ticket(), target, policy, event.post().postedAt());
    Enrichment enrichment = event.enrichment();
    LocalDate day = clock.startedAt().atOffset(ZoneOffset.UTC).toLocalDate();
    SlaRollup.Dimensions dimensions =
        new SlaRollup.Dimensions(
            day.toString(),
            lower(event.post().network()),
            enrichment.queue(),
            null,
            enrichment.sentiment() == null ? null : enrichment.sentiment().label().wireName(),
            enrichment.influence() == null ? null : enrichment.influence().tier().wireName(),
            lower(enrichment.language()));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sla_clock (helpdesk, ticket_id, target, policy, started_at, due_at, warning_at, next_check_at,"
                + " state, initial_priority, channel, language, sentiment, influence, intent, queue, visibility,"
                + " started_day, started_week)"
                + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM sla_clock WHERE helpdesk = ? AND ticket_id = ? AND target = ? AND started_at = ?)")) {
      SlaJdbc.bind(
          insert,
          clock.ticket().helpdesk(),
          clock.ticket().id(),
          target.wireName(),
          policy.name(),
          clock.startedAt(),
          clock.dueAt(),
          clock.warningAt(),
          clock.warningAt(),
          priority,
          dimensions.channel(),
          dimensions.language(),
          dimensions.sentiment(),
          dimensions.influence(),
          enrichment.intent() == null ? null : enrichment.intent().wireName(),
          dimensions.queue(),
          lower(event.post().visibility().name()),
          dimensions.day(),
          SlaRollup.week(day),
          clock.ticket().helpdesk(),
          clock.ticket().id(),
          target.wireName(),
          clock.startedAt());
      if (insert.executeUpdate() == 1) {
        rollup.started(SlaRollup.Counted.of(target.wireName(), "running", null, null, dimensions));
      }
    }
  }

  private static boolean hasRunningResponseClock(Connection connection, TicketRef ticket)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT 1 FROM sla_clock WHERE helpdesk = ? AND ticket_id = ? AND ended_at IS NULL AND target IN "
                + RESPONSE_TARGETS)) {
      try (ResultSet rows = SlaJdbc.bind(select, ticket.helpdesk(), ticket.id()).executeQuery()) {
        return rows.next();
      }
    }
  }

  /** The policy and initial priority of the ticket's first clock, chosen once per conversation. */
  private record TicketFirst(String policy, Integer initialPriority) {}

  private static TicketFirst ticketFirst(Connection connection, TicketRef ticket)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT policy, initial_priority FROM sla_clock WHERE helpdesk = ? AND ticket_id = ?"
                + " ORDER BY started_at, id FETCH FIRST 1 ROWS ONLY")) {
      try (ResultSet rows = SlaJdbc.bind(select, ticket.helpdesk(), ticket.id()).executeQuery()) {
        return rows.next()
            ? new TicketFirst(rows.getString(1), SlaJdbc.integer(rows, "initial_priority"))
            : null;
      }
    }
  }

  /** The ticket's clocks still running, locked for this transaction. */
  private static List<SlaClockRow> runningClocks(
      Connection connection, TicketRef ticket, String andWhere, Object... more)
      throws SQLException {
    List<SlaClockRow> clocks = new ArrayList<>();
    Object[] values = new Object[2 + more.length];
    values[0] = ticket.helpdesk();
    values[1] = ticket.id();
    System.arraycopy(more, 0, values, 2, more.length);
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + SlaClockRow.COLUMNS
                + " FROM sla_clock WHERE helpdesk = ? AND ticket_id = ?"
                + " AND ended_at IS NULL"
                + andWhere
                + " ORDER BY id FOR UPDATE")) {
      try (ResultSet rows = SlaJdbc.bind(select, values).executeQuery()) {
        while (rows.next()) {
          clocks.add(SlaClockRow.read(rows));
        }
      }
    }
    return clocks;
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  /**
   * Two deliveries of one event racing each other: the loser runs again and finds the winner's
   * rows.
   */
  private static void retryOnceOnRace(Runnable work) {
    try {
      work.run();
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof SQLException sql && SlaJdbc.isUniqueViolation(sql)) {
        work.run();
      } else {
        throw e;
      }
    }
  }
}
