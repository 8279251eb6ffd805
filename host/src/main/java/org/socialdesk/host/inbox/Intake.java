package org.socialdesk.host.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.socialdesk.api.Metrics;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.host.cluster.Instances;
import org.socialdesk.host.config.PipelineConfig;
import org.socialdesk.host.conversations.Conversations;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.plugin.Extensions;
import org.socialdesk.host.storage.Sql;

/**
 * The inbound direction of one host: the inbox that channels write to, behind the check that keeps
 * the networks' times sane, and the worker that takes stored posts to their tickets. The inbox
 * accepts posts from the moment the intake exists; the worker runs from {@link #start}.
 */
public final class Intake implements AutoCloseable {

  private static final int PARKED_SHOWN = 100;

  /** How many of the newest quarantined payloads {@link #backlog} shows. */
  private static final int QUARANTINE_SHOWN = 20;

  private final Sql sql;
  private final Clock clock;
  private final Inbox inbox;
  private volatile InboxWorker worker;

  public Intake(DataSource dataSource, Clock clock) {
    this.sql = new Sql(dataSource);
    this.clock = clock;
    this.inbox = new Inbox(dataSource, clock, this::wake);
  }

  /** The inbox, behind the check that keeps the networks' times sane. */
  public Ingest ingest() {
    return new PostTimes(inbox, clock);
  }

  /** Starts the worker that routes stored posts to tickets. */
  public void start(
      Instances instances,
      Conversations conversations,
      HelpdeskGateway helpdesk,
      Extensions extensions,
      PipelineConfig config,
      String queue,
      Metrics metrics,
      InProcessEventBus events) {
    PostRouter router = new PostRouter(conversations, helpdesk, extensions, clock, queue);
    worker =
        new InboxWorker(
            sql,
            instances,
            router,
            clock,
            new Backoff(config.firstRetry(), config.maxRetryDelay()),
            config.workers(),
            metrics,
            events);
    worker.start();
  }

  private void wake() {
    InboxWorker current = worker;
    if (current != null) {
      current.wake();
    }
  }

  public Backlog backlog() {
    record Count(String state, long count, Instant oldest) {}
    List<Count> counts =
        sql.query(
            "select state, count(*), min(received_at) from inbox where state in ('pending', 'failed', 'parked') group by state",
            row ->
                new Count(
                    row.getString(1),
                    row.getLong(2),
                    row.getTimestamp(3) == null ? null : row.getTimestamp(3).toInstant()));
    long pending = 0;
    long failed = 0;
    long parked = 0;
    Instant oldest = null;
    for (Count count : counts) {
      switch (count.state()) {
        case "pending" -> {
          pending = count.count();
          oldest = count.oldest();
        }
        case "failed" -> failed = count.count();
        default -> parked = count.count();
      }
    }
    List<Backlog.ParkedEvent> parkedEvents =
        parked == 0
            ? List.of()
            : sql.query(
                "select id, network, post_id, event_type, received_at, last_error from inbox where state = 'parked' order by id desc limit ?",
                row ->
                    new Backlog.ParkedEvent(
                        row.getLong(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        Sql.instant(row, "received_at"),
                        row.getString(6)),
                PARKED_SHOWN);
    InboxWorker current = worker;
    return new Backlog(
        current == null ? 0 : current.routedSinceStart(),
        pending,
        oldest,
        failed,
        parked,
        parkedEvents,
        new Quarantine(sql).summary(QUARANTINE_SHOWN));
  }

  /** Stops the worker, then stores what is waiting in the inbox and stops taking events. */
  @Override
  public void close() throws InterruptedException {
    InboxWorker current = worker;
    if (current != null) {
      current.close();
    }
    inbox.close();
  }
}
