package org.socialdesk.sla.clock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.sla.alert.SlaAlertOutbox;
import org.socialdesk.sla.common.SlaJdbc;

/**
 * Keeps the ticket's Due on the earliest deadline among its running clocks ({@code
 * sla_ticket_due}). The transaction that starts or ends a clock only marks the ticket ({@link
 * #clocksChanged}); the tick then computes the earliest deadline afresh and sends it ({@link
 * #deliver}). Computing at delivery, not at the event, is what keeps Due right when a reply and a
 * new post of one ticket are handled at the same time on different threads: whichever marks last
 * makes one more sync. This is the only writer of Due after the ticket is created; alerts change
 * priority only, so a retried alert cannot put back a deadline that has since moved.
 */
public final class SlaTicketDue {

  private static final Logger LOG = LoggerFactory.getLogger(SlaTicketDue.class);

  /**
   * What clears Due: RT keeps an unset date as the Unix epoch (REST2 reads it back as {@code
   * 1970-01-01T00:00:00Z}, the web UI shows "Not set"), and a {@code PUT} of that date is how RT
   * itself unsets one. The plugin API has no other way to say "no Due" yet.
   */
  static final Instant NO_DUE = Instant.EPOCH;

  /**
   * {@code next_at} of a ticket marked by a clock change: due at the next tick, whatever the hosts'
   * clocks say (event times come from the network or the helpdesk and may be a little ahead).
   */
  static final Instant AT_ONCE = Instant.EPOCH;

  static final int BATCH = 50;

  /** Batches per tick at most, so one tick stays short after a burst. */
  static final int MAX_BATCHES = 10;

  /** How long a claimed row is left alone; a host that died mid-call is retried after it. */
  static final Duration LEASE = Duration.ofMinutes(2);

  private final SlaJdbc jdbc;
  private final HelpdeskGateway helpdesk;
  private final Clock clock;

  public SlaTicketDue(SlaJdbc jdbc, HelpdeskGateway helpdesk, Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.helpdesk = Objects.requireNonNull(helpdesk, "helpdesk");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A new ticket, created with Due {@code born} (null: none). Nothing is sent when its earliest
   * running deadline is already that, which is the usual case: the SLA hook gave the ticket its
   * first-response deadline.
   */
  static void born(Connection connection, TicketRef ticket, Instant born) throws SQLException {
    Instant earliest = earliestRunningDue(connection, ticket);
    Instant next = Objects.equals(earliest, born) ? null : AT_ONCE;
    if (!insert(connection, ticket, born, true, next)) {
      clocksChanged(connection, ticket);
    }
  }

  /** One of the ticket's clocks started or ended: its Due is synced at the next tick. */
  static void clocksChanged(Connection connection, TicketRef ticket) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE sla_ticket_due SET changes = changes + 1, next_at = ? WHERE helpdesk = ? AND ticket_id = ?")) {
      if (SlaJdbc.bind(update, AT_ONCE, ticket.helpdesk(), ticket.id()).executeUpdate() == 1) {
        return;
      }
    }
    // A ticket whose clocks started before this table existed: what it holds is not known.
    if (!insert(connection, ticket, null, false, AT_ONCE)) {
      clocksChanged(connection, ticket);
    }
  }

  /** Inserts the ticket's row; false when another transaction inserted it first. */
  private static boolean insert(
      Connection connection, TicketRef ticket, Instant due, boolean known, Instant next)
      throws SQLException {
    // A savepoint, so losing the race does not abort the caller's transaction (PostgreSQL would).
    Savepoint before = connection.setSavepoint();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sla_ticket_due (helpdesk, ticket_id, changes, next_at, ticket_due_at, ticket_due_known)"
                + " SELECT ?, ?, 1, ?, ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM sla_ticket_due WHERE helpdesk = ? AND ticket_id = ?)")) {
      SlaJdbc.bind(
          insert, ticket.helpdesk(), ticket.id(), next, due, known, ticket.helpdesk(), ticket.id());
      // Typed nulls: PostgreSQL refuses a varchar null for a timestamp column.
      SlaJdbc.setInstant(insert, 3, next);
      SlaJdbc.setInstant(insert, 4, due);
      int inserted = insert.executeUpdate();
      connection.releaseSavepoint(before);
      return inserted == 1;
    } catch (SQLException e) {
      if (!SlaJdbc.isUniqueViolation(e)) {
        throw e;
      }
      connection.rollback(before);
      return false;
    }
  }

  /**
   * The ticket's Due by its clocks: the earliest deadline not yet ended, or null when none runs.
   */
  static Instant earliestRunningDue(Connection connection, TicketRef ticket) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT MIN(due_at) AS due_at FROM sla_clock WHERE helpdesk = ? AND ticket_id = ? AND ended_at IS NULL")) {
      try (ResultSet rows = SlaJdbc.bind(select, ticket.helpdesk(), ticket.id()).executeQuery()) {
        return rows.next() ? SlaJdbc.instant(rows, "due_at") : null;
      }
    }
  }

  /**
   * One ticket to sync: its Due by the clocks ({@code wanted}, null: none), what it holds as far as
   * we know, and the version of the clocks {@code wanted} was computed from.
   */
  record Pending(
      TicketRef ticket,
      long changes,
      Instant wanted,
      Instant held,
      boolean heldKnown,
      int attempts) {
    boolean inSync() {
      return heldKnown && Objects.equals(wanted, held);
    }
  }

  /** Syncs every ticket marked, in batches; returns how many were looked at. */
  public int deliver() {
    int seen = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      List<Pending> claimed = claim();
      claimed.forEach(this::sync);
      seen += claimed.size();
      if (claimed.size() < BATCH) {
        break;
      }
    }
    return seen;
  }

  private List<Pending> claim() {
    Instant now = clock.instant();
    return jdbc.inTransaction(
        connection -> {
          List<Pending> pending = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT helpdesk, ticket_id, changes, ticket_due_at, ticket_due_known, attempts FROM sla_ticket_due"
                      + " WHERE next_at <= ? ORDER BY next_at LIMIT "
                      + BATCH
                      + " FOR UPDATE SKIP LOCKED")) {
            try (ResultSet rows = SlaJdbc.bind(select, now).executeQuery()) {
              while (rows.next()) {
                pending.add(
                    new Pending(
                        new TicketRef(rows.getString("helpdesk"), rows.getString("ticket_id")),
                        rows.getLong("changes"),
                        null,
                        SlaJdbc.instant(rows, "ticket_due_at"),
                        rows.getBoolean("ticket_due_known"),
                        rows.getInt("attempts")));
              }
            }
          }
          List<Pending> computed = new ArrayList<>();
          for (Pending row : pending) {
            computed.add(
                new Pending(
                    row.ticket(),
                    row.changes(),
                    earliestRunningDue(connection, row.ticket()),
                    row.held(),
                    row.heldKnown(),
                    row.attempts()));
            try (PreparedStatement lease =
                connection.prepareStatement(
                    "UPDATE sla_ticket_due SET next_at = ? WHERE helpdesk = ? AND ticket_id = ?")) {
              SlaJdbc.bind(lease, now.plus(LEASE), row.ticket().helpdesk(), row.ticket().id())
                  .executeUpdate();
            }
          }
          return computed;
        });
  }

  private void sync(Pending row) {
    try {
      if (!row.inSync()) {
        helpdesk.update(
            row.ticket(), TicketUpdate.due(row.wanted() != null ? row.wanted() : NO_DUE));
      }
      synced(row);
    } catch (HelpdeskException e) {
      int attempts = row.attempts() + 1;
      if (e.retryable()) {
        Instant next = clock.instant().plus(backoff(attempts));
        LOG.warn(
            "Due of {} not yet set (attempt {}), retrying at {}: {}",
            row.ticket(),
            attempts,
            next,
            e.getMessage());
        record(
            "UPDATE sla_ticket_due SET attempts = ?, next_at = ?, last_error = ? WHERE helpdesk = ? AND ticket_id = ?",
            attempts,
            next,
            SlaJdbc.truncate("helpdesk: " + e.getMessage()),
            row.ticket().helpdesk(),
            row.ticket().id());
      } else {
        LOG.error(
            "Due of {} refused by the helpdesk, not retried until its clocks change: {}",
            row.ticket(),
            e.getMessage());
        record(
            "UPDATE sla_ticket_due SET attempts = ?, next_at = NULL, ticket_due_known = FALSE, last_error = ?"
                + " WHERE helpdesk = ? AND ticket_id = ?",
            attempts,
            SlaJdbc.truncate("refused, helpdesk: " + e.getMessage()),
            row.ticket().helpdesk(),
            row.ticket().id());
      }
    }
  }

  /**
   * Records what the ticket now holds. Done unless a clock changed since {@code wanted} was
   * computed; then the row stays marked and the next tick computes again.
   */
  private void synced(Pending row) {
    String held =
        "UPDATE sla_ticket_due SET ticket_due_at = ?, ticket_due_known = TRUE, attempts = 0, last_error = NULL";
    jdbc.inTransaction(
        connection -> {
          try (PreparedStatement done =
              connection.prepareStatement(
                  held + ", next_at = NULL WHERE helpdesk = ? AND ticket_id = ? AND changes = ?")) {
            SlaJdbc.bind(
                done, row.wanted(), row.ticket().helpdesk(), row.ticket().id(), row.changes());
            SlaJdbc.setInstant(done, 1, row.wanted());
            if (done.executeUpdate() == 1) {
              return null;
            }
          }
          try (PreparedStatement again =
              connection.prepareStatement(
                  held + ", next_at = ? WHERE helpdesk = ? AND ticket_id = ?")) {
            SlaJdbc.bind(again, row.wanted(), AT_ONCE, row.ticket().helpdesk(), row.ticket().id());
            SlaJdbc.setInstant(again, 1, row.wanted());
            again.executeUpdate();
          }
          return null;
        });
  }

  private static Duration backoff(int attempts) {
    List<Duration> schedule = SlaAlertOutbox.HELPDESK_BACKOFF;
    return schedule.get(Math.min(attempts, schedule.size()) - 1);
  }

  private void record(String sql, Object... values) {
    jdbc.updateAlone(sql, values);
  }
}
