package org.socialdesk.sla.clock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.event.SocialdeskEvent.SlaAlert;
import org.socialdesk.sla.alert.SlaAlertOutbox;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.config.SlaEscalationConfig;
import org.socialdesk.sla.config.SlaReportConfig;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.sla.policy.SlaPolicy;

/**
 * The once-a-second tick: claims the clocks whose next check is due ({@code FOR UPDATE SKIP
 * LOCKED}, so several hosts share the work), moves them to warned or breached, and writes one
 * {@code sla_alert} row per warning or breach in the same transaction. That row is the outbox the
 * helpdesk and webhook deliveries work from ({@link SlaAlertOutbox}); the {@link SlaAlert} event is
 * published after the commit. When nothing is due, a tick is one query on the (state,
 * next_check_at) index.
 */
public final class SlaTicker {

  static final int BATCH = 100;

  /** Batches per tick at most, so one tick stays short after a long outage. */
  static final int MAX_BATCHES = 10;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final SlaJdbc jdbc;
  private final SlaPolicies policies;
  private final SlaEscalationConfig escalation;
  private final boolean webhook;
  private final EventBus events;
  private final Clock clock;

  public SlaTicker(
      SlaJdbc jdbc,
      SlaPolicies policies,
      SlaEscalationConfig escalation,
      boolean webhook,
      EventBus events,
      Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.escalation = Objects.requireNonNull(escalation, "escalation");
    this.webhook = webhook;
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Checks every due clock; returns the alerts raised. */
  public List<SlaAlert> tick() {
    List<SlaAlert> raised = new ArrayList<>();
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      Instant now = clock.instant();
      Claimed claimed = jdbc.inTransaction(connection -> claim(connection, now));
      raised.addAll(claimed.alerts());
      if (claimed.rows() < BATCH) {
        break;
      }
    }
    raised.forEach(events::publish);
    return raised;
  }

  private record Claimed(int rows, List<SlaAlert> alerts) {}

  private Claimed claim(Connection connection, Instant now) throws SQLException {
    List<SlaClockRow> due = new ArrayList<>();
    // One range per state, each an exact range of the (state, next_check_at) index. With
    // "state IN ('running', 'warned')" H2 walked the whole index (1M open clocks: ~280 ms a tick
    // with nothing due); warned clocks first, as they are the ones about to breach.
    for (String state : List.of("warned", "running")) {
      selectDue(connection, state, now, BATCH - due.size(), due);
    }
    List<SlaAlert> alerts = new ArrayList<>();
    SlaRollup.Changes rollup = new SlaRollup.Changes();
    try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE sla_clock SET state = ?, next_check_at = ? WHERE id = ?");
        PreparedStatement earliest =
            connection.prepareStatement(
                "SELECT MIN(due_at) FROM sla_clock WHERE helpdesk = ? AND ticket_id = ? AND ended_at IS NULL");
        PreparedStatement insert = connection.prepareStatement(INSERT_ALERT)) {
      for (SlaClockRow row : due) {
        String state = SlaClockRow.stateName(row.toClock(policies).stateAt(now));
        Instant nextCheck = state.equals("running") ? row.warningAt() : row.dueAt();
        SlaJdbc.bind(update, state, nextCheck, row.id()).addBatch();
        if (!state.equals(row.state())) {
          rollup.changed(row.counted(), row.countedAs(state, row.ending())); // a breach counts
          SlaAlert.Level level =
              state.equals("breached") ? SlaAlert.Level.BREACH : SlaAlert.Level.WARNING;
          bindAlert(insert, row, level, earliestRunningDue(earliest, row), now).addBatch();
          alerts.add(new SlaAlert(row.ticket(), row.target().wireName(), level, row.dueAt(), now));
        }
      }
      // Batched: one round trip for the batch instead of one per clock (PostgreSQL over TCP).
      update.executeBatch();
      insert.executeBatch();
    }
    rollup.flush(connection); // last: see SlaRollup on lock order
    return new Claimed(due.size(), alerts);
  }

  private static void selectDue(
      Connection connection, String state, Instant now, int limit, List<SlaClockRow> due)
      throws SQLException {
    if (limit <= 0) {
      return;
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + SlaClockRow.COLUMNS
                + " FROM sla_clock WHERE state = ? AND next_check_at <= ?"
                + " ORDER BY next_check_at LIMIT "
                + limit
                + " FOR UPDATE SKIP LOCKED")) {
      try (ResultSet rows = SlaJdbc.bind(select, state, now).executeQuery()) {
        while (rows.next()) {
          due.add(SlaClockRow.read(rows));
        }
      }
    }
  }

  private static final String INSERT_ALERT =
      "INSERT INTO sla_alert (alert_key, clock_id, level, helpdesk, ticket_id, target, policy, started_at, due_at,"
          + " ticket_due_at, priority, note, created_at, helpdesk_next_at, webhook_next_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private PreparedStatement bindAlert(
      PreparedStatement insert,
      SlaClockRow row,
      SlaAlert.Level level,
      Instant ticketDue,
      Instant now)
      throws SQLException {
    boolean breach = level == SlaAlert.Level.BREACH;
    return SlaJdbc.bind(
        insert,
        "sla_" + UUID.randomUUID(),
        row.id(),
        breach ? "breach" : "warning",
        row.ticket().helpdesk(),
        row.ticket().id(),
        row.target().wireName(),
        row.policy(),
        row.startedAt(),
        row.dueAt(),
        ticketDue,
        escalation.priority(row.initialPriority(), breach),
        note(row, breach),
        now,
        now,
        webhook ? now : null);
  }

  /** The ticket's Due: the earliest deadline among its clocks still running. */
  private static Instant earliestRunningDue(PreparedStatement select, SlaClockRow row)
      throws SQLException {
    try (ResultSet rows =
        SlaJdbc.bind(select, row.ticket().helpdesk(), row.ticket().id()).executeQuery()) {
      java.time.OffsetDateTime earliest =
          rows.next() ? rows.getObject(1, java.time.OffsetDateTime.class) : null;
      return earliest != null ? earliest.toInstant() : row.dueAt();
    }
  }

  /**
   * E.g. "SLA warning: first response due at 2026-03-10 10:15 UTC (policy vip-negative, 80% of 15m
   * used)": the date and time in the zone of the policy's calendar, which the agents' hours are
   * read in ({@link #when}).
   */
  String note(SlaClockRow row, boolean breach) {
    SlaPolicy policy = policies.named(row.policy());
    String target = row.target().wireName().replace('-', ' ');
    String limit = duration(policy.target(row.target()));
    String due = when(row.dueAt(), SlaReportConfig.zoneOf(policy.calendar()));
    return breach
        ? "SLA breached: "
            + target
            + " was due at "
            + due
            + " (policy "
            + row.policy()
            + ", target "
            + limit
            + ")"
        : "SLA warning: "
            + target
            + " due at "
            + due
            + " (policy "
            + row.policy()
            + ", "
            + Math.round(policy.warningAt() * 100)
            + "% of "
            + limit
            + " used)";
  }

  /**
   * {@code 2026-03-10 10:15 UTC} in UTC (24x7), {@code 2026-03-10 17:15 Asia/Bangkok (UTC+07:00)}
   * elsewhere: with the date, since a deadline can be days away, and the offset, which says the
   * instant even where the zone's name does not (an hour that repeats when clocks go back).
   */
  static String when(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    if (local.getOffset().equals(ZoneOffset.UTC) && zone.getRules().isFixedOffset()) {
      return WHEN.format(local) + " UTC";
    }
    String offset = local.getOffset().equals(ZoneOffset.UTC) ? "" : local.getOffset().getId();
    return WHEN.format(local) + " " + zone.getId() + " (UTC" + offset + ")";
  }

  /** {@code 15m}, {@code 4h}, {@code 1h30m}, {@code 1d}: as written in configuration. */
  static String duration(Duration duration) {
    long seconds = duration.toSeconds();
    StringBuilder out = new StringBuilder();
    long[] units = {86_400, 3_600, 60, 1};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (seconds >= units[i]) {
        out.append(seconds / units[i]).append(names[i]);
        seconds %= units[i];
      }
    }
    return out.isEmpty() ? "0s" : out.toString();
  }
}
