package org.socialdesk.sla.report;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.sla.alert.SlaAlertOutbox;
import org.socialdesk.sla.alert.SlaWebhook;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.common.SlaJson;
import org.socialdesk.sla.config.SlaSummarySchedule;

/**
 * Daily and weekly summaries to the webhook outlet, each period sent once however many instances
 * share the database and however often they restart. A period is first <em>recorded</em>: one
 * {@code sla_summary} row, unique per (kind, period), holding the JSON computed when it was
 * recorded; the instance whose insert wins owns nothing more than the others. Then the row is
 * <em>delivered</em> like an alert: claimed with a lease ({@code FOR UPDATE SKIP LOCKED}, {@code
 * next_at} moved forward), POSTed outside any transaction, and marked sent, or retried with the
 * alerts' backoff. Every attempt carries the same body and the same {@code webhook-id}, so a
 * receiver can drop the one duplicate a crash between its answer and our record can cause.
 */
public final class SlaSummaries {

  private static final Logger LOG = LoggerFactory.getLogger(SlaSummaries.class);

  static final int BATCH = 10;

  private final SlaJdbc jdbc;
  private final SlaReport report;
  private final List<SlaSummarySchedule> schedules;
  private final SlaWebhook webhook;
  private final Clock clock;

  public SlaSummaries(
      SlaJdbc jdbc,
      SlaReport report,
      List<SlaSummarySchedule> schedules,
      SlaWebhook webhook,
      Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.report = Objects.requireNonNull(report, "report");
    this.schedules = List.copyOf(schedules);
    this.webhook = Objects.requireNonNull(webhook, "webhook");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * One pass: records each schedule's latest period if no instance has yet, then sends what is due.
   */
  public void run() {
    for (SlaSummarySchedule schedule : schedules) {
      record(schedule);
    }
    deliver();
  }

  /** The webhook id of a period: the same on every instance and every attempt. */
  static String key(SlaSummarySchedule.Period period) {
    return "sla_summary_" + period.kind() + "_" + period.label();
  }

  private void record(SlaSummarySchedule schedule) {
    SlaSummarySchedule.Period period = schedule.latest(clock.instant());
    if (recorded(period)) {
      return; // the usual case: one indexed lookup per pass, no report computed
    }
    Instant now = clock.instant();
    String body =
        body(period, schedule, report.compute(period.from(), period.to(), "channel"), now);
    try {
      jdbc.inTransaction(
          connection -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO sla_summary (summary_key, kind, period, period_from, period_to, body, created_at, attempts,"
                        + " next_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
              return SlaJdbc.bind(
                      insert,
                      key(period),
                      period.kind(),
                      period.label(),
                      period.from(),
                      period.to(),
                      body,
                      now,
                      now)
                  .executeUpdate();
            }
          });
      LOG.info("SLA {} summary {} recorded for sending", period.kind(), period.label());
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof SQLException sql && SlaJdbc.isUniqueViolation(sql))) {
        throw e;
      }
      // Another instance recorded it between our lookup and our insert: it is theirs to count as
      // sent.
    }
  }

  private boolean recorded(SlaSummarySchedule.Period period) {
    return jdbc.inTransaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT 1 FROM sla_summary WHERE kind = ? AND period = ?")) {
            try (ResultSet rows =
                SlaJdbc.bind(select, period.kind(), period.label()).executeQuery()) {
              return rows.next();
            }
          }
        });
  }

  /** Standard Webhooks' {type, timestamp, data}, as the alerts. */
  static String body(
      SlaSummarySchedule.Period period,
      SlaSummarySchedule schedule,
      SlaReport.Result result,
      Instant now) {
    List<Map<String, Object>> channels = new ArrayList<>();
    for (SlaReport.Row row : result.groups()) {
      Map<String, Object> channel = new LinkedHashMap<>();
      channel.put("channel", row.key());
      channel.putAll(SlaReportServlet.json(row, false));
      channels.add(channel);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", key(period));
    data.put("period", period.kind());
    data.put("label", period.label());
    data.put("timezone", schedule.zone().getId());
    data.put("from", period.from().toString());
    data.put("to", period.to().toString());
    data.put("totals", SlaReportServlet.json(result.totals(), false));
    data.put("byChannel", channels);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "sla.summary." + period.kind());
    body.put("timestamp", now.toString());
    body.put("data", data);
    return SlaJson.write(body);
  }

  private record Pending(long id, String key, String body, int attempts) {}

  private void deliver() {
    for (Pending pending : claim()) {
      send(pending);
    }
  }

  private List<Pending> claim() {
    Instant now = clock.instant();
    return jdbc.inTransaction(
        connection -> {
          List<Pending> pending = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, summary_key, body, attempts FROM sla_summary WHERE next_at <= ? ORDER BY next_at LIMIT "
                      + BATCH
                      + " FOR UPDATE SKIP LOCKED")) {
            try (ResultSet rows = SlaJdbc.bind(select, now).executeQuery()) {
              while (rows.next()) {
                pending.add(
                    new Pending(
                        rows.getLong("id"),
                        rows.getString("summary_key"),
                        rows.getString("body"),
                        rows.getInt("attempts")));
              }
            }
          }
          for (Pending row : pending) {
            // The lease: no other instance takes the row while this one sends it.
            SlaJdbc.update(
                connection,
                "UPDATE sla_summary SET next_at = ? WHERE id = ?",
                now.plus(SlaAlertOutbox.LEASE),
                row.id());
          }
          return pending;
        });
  }

  private void send(Pending pending) {
    Instant now = clock.instant();
    String error = webhook.send(pending.key(), pending.body(), now);
    int attempts = pending.attempts() + 1;
    if (error == null) {
      record(
          "UPDATE sla_summary SET attempts = ?, sent_at = ?, next_at = NULL WHERE id = ?",
          attempts,
          now,
          pending.id());
      return;
    }
    List<Duration> backoff = SlaAlertOutbox.WEBHOOK_BACKOFF;
    if (attempts > backoff.size()) {
      LOG.error(
          "SLA summary {} not delivered after {} attempts, given up: {}",
          pending.key(),
          attempts,
          error);
      record(
          "UPDATE sla_summary SET attempts = ?, next_at = NULL, last_error = ? WHERE id = ?",
          attempts,
          SlaJdbc.truncate("given up, " + error),
          pending.id());
    } else {
      Instant next = now.plus(backoff.get(attempts - 1));
      LOG.warn(
          "SLA summary {} not delivered (attempt {}), retrying at {}: {}",
          pending.key(),
          attempts,
          next,
          error);
      record(
          "UPDATE sla_summary SET attempts = ?, next_at = ?, last_error = ? WHERE id = ?",
          attempts,
          next,
          SlaJdbc.truncate(error),
          pending.id());
    }
  }

  private void record(String sql, Object... values) {
    jdbc.updateAlone(sql, values);
  }
}
