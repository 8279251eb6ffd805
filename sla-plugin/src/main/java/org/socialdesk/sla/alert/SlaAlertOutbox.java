package org.socialdesk.sla.alert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.sla.clock.SlaTicketDue;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.common.SlaJson;

/**
 * Delivers the {@code sla_alert} rows: to the ticket (a comment, then its priority; Due is {@link
 * SlaTicketDue}'s) and to the webhook. Each delivery claims its rows with a lease ({@code next_at}
 * moved forward in a short transaction), calls the peer outside any transaction, then records the
 * outcome: done ({@code next_at} null) or the next attempt with backoff. The ticket step done is
 * recorded as soon as it succeeds, so a failed update never repeats the comment.
 */
public final class SlaAlertOutbox {

  private static final Logger LOG = LoggerFactory.getLogger(SlaAlertOutbox.class);

  static final int BATCH = 20;

  /** How long a claimed row is left alone; a host that died mid-delivery is retried after it. */
  public static final Duration LEASE = Duration.ofMinutes(2);

  /** Helpdesk retries: never given up while the outage is retryable; every 30 minutes at most. */
  public static final List<Duration> HELPDESK_BACKOFF =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30));

  /** Webhook retries after the first attempt, as Svix: about 27.6 hours in all, then given up. */
  public static final List<Duration> WEBHOOK_BACKOFF =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(2),
          Duration.ofHours(5),
          Duration.ofHours(10),
          Duration.ofHours(10));

  private final SlaJdbc jdbc;
  private final HelpdeskGateway helpdesk;
  private final SlaWebhook webhook;
  private final Clock clock;

  /**
   * @param webhook the webhook outlet, or null when none is configured
   */
  public SlaAlertOutbox(SlaJdbc jdbc, HelpdeskGateway helpdesk, SlaWebhook webhook, Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.helpdesk = Objects.requireNonNull(helpdesk, "helpdesk");
    this.webhook = webhook;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** One pass over what is due for the helpdesk and the webhook. */
  public void deliver() {
    for (Alert alert : claim("helpdesk")) {
      toHelpdesk(alert);
    }
    if (webhook != null) {
      for (Alert alert : claim("webhook")) {
        toWebhook(alert);
      }
    }
  }

  /** One alert row, as the deliveries need it. */
  record Alert(
      long id,
      String key,
      String level,
      TicketRef ticket,
      String target,
      String policy,
      Instant startedAt,
      Instant dueAt,
      Instant ticketDueAt,
      int priority,
      String note,
      Instant createdAt,
      int helpdeskStep,
      int attempts) {}

  private List<Alert> claim(String outlet) {
    Instant now = clock.instant();
    return jdbc.inTransaction(
        connection -> {
          List<Alert> alerts = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, alert_key, level, helpdesk, ticket_id, target, policy, started_at, due_at, ticket_due_at,"
                      + " priority, note, created_at, helpdesk_step, "
                      + outlet
                      + "_attempts FROM sla_alert WHERE "
                      + outlet
                      + "_next_at <= ? ORDER BY "
                      + outlet
                      + "_next_at LIMIT "
                      + BATCH
                      + " FOR UPDATE SKIP LOCKED")) {
            try (ResultSet rows = SlaJdbc.bind(select, now).executeQuery()) {
              while (rows.next()) {
                alerts.add(
                    new Alert(
                        rows.getLong("id"),
                        rows.getString("alert_key"),
                        rows.getString("level"),
                        new TicketRef(rows.getString("helpdesk"), rows.getString("ticket_id")),
                        rows.getString("target"),
                        rows.getString("policy"),
                        SlaJdbc.instant(rows, "started_at"),
                        SlaJdbc.instant(rows, "due_at"),
                        SlaJdbc.instant(rows, "ticket_due_at"),
                        rows.getInt("priority"),
                        rows.getString("note"),
                        SlaJdbc.instant(rows, "created_at"),
                        rows.getInt("helpdesk_step"),
                        rows.getInt(15)));
              }
            }
          }
          for (Alert alert : alerts) {
            SlaJdbc.update(
                connection,
                "UPDATE sla_alert SET " + outlet + "_next_at = ? WHERE id = ?",
                now.plus(LEASE),
                alert.id());
          }
          return alerts;
        });
  }

  private void toHelpdesk(Alert alert) {
    int step = alert.helpdeskStep();
    try {
      if (step == 0) {
        helpdesk.addMessage(alert.ticket(), new TicketMessage.InternalNote(alert.note()));
        step = 1;
        record("UPDATE sla_alert SET helpdesk_step = 1 WHERE id = ?", alert.id());
      }
      raisePriority(alert);
      record(
          "UPDATE sla_alert SET helpdesk_step = 2, helpdesk_next_at = NULL WHERE id = ?",
          alert.id());
    } catch (HelpdeskException e) {
      int attempts = alert.attempts() + 1;
      String error = "helpdesk: " + e.getMessage();
      if (e.retryable()) {
        Instant next = clock.instant().plus(backoff(HELPDESK_BACKOFF, attempts));
        LOG.warn(
            "SLA {} on {} not yet on the ticket (attempt {}, step {}), retrying at {}: {}",
            alert.level(),
            alert.ticket(),
            attempts,
            step,
            next,
            e.getMessage());
        record(
            "UPDATE sla_alert SET helpdesk_attempts = ?, helpdesk_next_at = ?, last_error = ? WHERE id = ?",
            attempts,
            next,
            SlaJdbc.truncate(error),
            alert.id());
      } else {
        LOG.error(
            "SLA {} on {} refused by the helpdesk, not retried: {}",
            alert.level(),
            alert.ticket(),
            e.getMessage());
        record(
            "UPDATE sla_alert SET helpdesk_attempts = ?, helpdesk_next_at = NULL, last_error = ? WHERE id = ?",
            attempts,
            SlaJdbc.truncate("refused, " + error),
            alert.id());
      }
    }
  }

  /**
   * Priority only: Due has one writer, SlaTicketDue, so a retried alert cannot put back a deadline
   * that a reply or a new post has moved since. The priority only rises: read from the ticket, so
   * an agent's higher priority or an earlier breach's stands against a later, milder alert (a
   * helpdesk that cannot tell gets the priority the alert asks for).
   */
  private void raisePriority(Alert alert) {
    OptionalInt current = helpdesk.priority(alert.ticket());
    if (current.isEmpty() || alert.priority() > current.getAsInt()) {
      helpdesk.update(alert.ticket(), TicketUpdate.priority(alert.priority()));
    }
  }

  private void toWebhook(Alert alert) {
    Instant now = clock.instant();
    String error = webhook.send(alert.key(), body(alert), now);
    if (error == null) {
      record("UPDATE sla_alert SET webhook_next_at = NULL WHERE id = ?", alert.id());
      return;
    }
    int attempts = alert.attempts() + 1;
    if (attempts > WEBHOOK_BACKOFF.size()) {
      LOG.error(
          "SLA {} on {} not delivered to the webhook after {} attempts, given up: {}",
          alert.level(),
          alert.ticket(),
          attempts,
          error);
      record(
          "UPDATE sla_alert SET webhook_attempts = ?, webhook_next_at = NULL, last_error = ? WHERE id = ?",
          attempts,
          SlaJdbc.truncate("given up, " + error),
          alert.id());
    } else {
      Instant next = now.plus(backoff(WEBHOOK_BACKOFF, attempts));
      LOG.warn(
          "SLA {} on {} not delivered to the webhook (attempt {}), retrying at {}: {}",
          alert.level(),
          alert.ticket(),
          attempts,
          next,
          error);
      record(
          "UPDATE sla_alert SET webhook_attempts = ?, webhook_next_at = ?, last_error = ? WHERE id = ?",
          attempts,
          next,
          SlaJdbc.truncate(error),
          alert.id());
    }
  }

  /** The webhook's JSON: Standard Webhooks' {type, timestamp, data}. */
  static String body(Alert alert) {
    Map<String, Object> ticket = new LinkedHashMap<>();
    ticket.put("helpdesk", alert.ticket().helpdesk());
    ticket.put("id", alert.ticket().id());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", alert.key());
    data.put("level", alert.level());
    data.put("ticket", ticket);
    data.put("target", alert.target());
    data.put("policy", alert.policy());
    data.put("startedAt", alert.startedAt().toString());
    data.put("dueAt", alert.dueAt().toString());
    data.put("priority", alert.priority());
    data.put("message", alert.note());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "sla." + alert.level());
    body.put("timestamp", alert.createdAt().toString());
    body.put("data", data);
    return SlaJson.write(body);
  }

  private static Duration backoff(List<Duration> schedule, int attempts) {
    return schedule.get(Math.min(attempts, schedule.size()) - 1);
  }

  private void record(String sql, Object... values) {
    jdbc.updateAlone(sql, values);
  }
}
