package org.socialdesk.host.pipeline;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.socialdesk.api.Metrics;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.host.cluster.Instances;
import org.socialdesk.host.config.PipelineConfig;
import org.socialdesk.host.conversations.Conversations;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.inbox.Backlog;
import org.socialdesk.host.inbox.Intake;
import org.socialdesk.host.plugin.Extensions;
import org.socialdesk.host.replies.ReplyPath;
import org.socialdesk.host.storage.Sql;

/**
 * The ticket pipeline of one host, both directions on one database: the {@link Intake} (the inbox
 * that channels write to, and the worker that takes posts to tickets) and the {@link ReplyPath}
 * (agents' replies read from the helpdesk, reviewed and published), which share this instance's
 * identity among the instances ({@link Instances}) and the record of which ticket holds each
 * conversation ({@link Conversations}). The inbox accepts posts from the moment the pipeline
 * exists; the loops run from {@link #start}.
 */
public final class Pipeline implements AutoCloseable {

  private final Sql sql;
  private final Clock clock;
  private final HelpdeskGateway helpdesk;
  private final InProcessEventBus events;
  private final Metrics metrics;
  private final PipelineConfig config;
  private final String queue;
  private final Duration activityInterval;
  private final Intake intake;
  private Instances instances;
  private volatile ReplyPath replies;

  public Pipeline(
      DataSource dataSource,
      Clock clock,
      HelpdeskGateway helpdesk,
      InProcessEventBus events,
      Metrics metrics,
      PipelineConfig config,
      String queue,
      Duration activityInterval) {
    this.sql = new Sql(dataSource);
    this.clock = clock;
    this.helpdesk = helpdesk;
    this.events = events;
    this.metrics = metrics;
    this.config = config;
    this.queue = queue;
    this.activityInterval = activityInterval;
    this.intake = new Intake(dataSource, clock);
  }

  /** The inbox, behind the check that keeps the networks' times sane. */
  public Ingest ingest() {
    return intake.ingest();
  }

  /** How the pipeline is doing, for admins (see {@link Backlog}). */
  public Backlog status() {
    return intake.backlog();
  }

  /** Starts the loops with the started plugins' extensions. */
  public void start(Extensions extensions) {
    instances = new Instances(sql, clock);
    instances.start();
    Conversations conversations = new Conversations(sql);
    intake.start(instances, conversations, helpdesk, extensions, config, queue, metrics, events);
    replies =
        new ReplyPath(
            sql,
            instances,
            conversations,
            helpdesk,
            extensions,
            events,
            metrics,
            clock,
            activityInterval);
    replies.start();
  }

  /** The helpdesk rang: read agents' activity now. */
  public void ringDoorbell() {
    ReplyPath current = replies;
    if (current != null) {
      current.ring();
    }
  }

  /**
   * Stops every loop and the heartbeat, releasing nothing (no lease, no claim, no heartbeat row),
   * as a SIGKILL would; for tests of what the other instances take over.
   */
  void haltAsIfKilled() throws InterruptedException {
    if (replies != null) {
      replies.halt();
    }
    intake.close();
    if (instances != null) {
      instances.stopHeartbeat();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (replies != null) {
      replies.close();
    }
    intake.close();
    if (instances != null) {
      instances.close();
    }
  }
}
