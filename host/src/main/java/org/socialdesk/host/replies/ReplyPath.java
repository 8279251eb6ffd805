package org.socialdesk.host.replies;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.Metrics;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.host.cluster.Instances;
import org.socialdesk.host.cluster.Lease;
import org.socialdesk.host.conversations.Conversations;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.plugin.Extensions;
import org.socialdesk.host.storage.Sql;

/**
 * The reply direction of one host: the poller that reads agents' activity from the helpdesk, and
 * the reply loop in which the workflow reviews each reply and the publisher sends what it allows.
 * Work goes one way: poller -> workflow -> outbox -> publisher -> workflow (which reports the
 * outcome once the publisher handed the reply back); each step wakes the next at once, and the loop
 * also looks every {@link #REPLY_POLL} for work another instance left.
 */
public final class ReplyPath implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplyPath.class);
  private static final Duration REPLY_POLL = Duration.ofMillis(500);

  private final Semaphore wake = new Semaphore(0);
  private final ActivityPoller poller;
  private final ReplyWorkflow workflow;
  private final OutboxPublisher publisher;
  private final Outbox outbox;
  private final CustomerPosts customerPosts;
  private final Conversations conversations;
  private volatile boolean running;
  private Thread loop;

  public ReplyPath(
      Sql sql,
      Instances instances,
      Conversations conversations,
      HelpdeskGateway helpdesk,
      Extensions extensions,
      InProcessEventBus events,
      Metrics metrics,
      Clock clock,
      Duration activityInterval) {
    AgentReplies replies = new AgentReplies(sql);
    this.outbox = new Outbox(sql, replies);
    this.customerPosts = new CustomerPosts(sql);
    this.conversations = conversations;
    this.workflow =
        new ReplyWorkflow(
            replies,
            outbox,
            conversations,
            customerPosts,
            instances,
            helpdesk,
            extensions,
            events,
            clock);
    this.publisher =
        new OutboxPublisher(
            outbox,
            instances,
            conversations,
            extensions,
            events,
            metrics,
            clock,
            helpdesk.name(),
            wake::release);
    this.poller =
        new ActivityPoller(
            helpdesk,
            new HostSettings(sql, clock),
            new Lease(sql, instances, clock, ActivityPoller.LEASE),
            conversations,
            replies,
            events,
            clock,
            activityInterval,
            wake::release);
  }

  public void start() {
    fillInAnsweringPosts();
    running = true;
    poller.start();
    loop = Thread.ofVirtual().name("reply-loop").start(this::run);
  }

  /**
   * Parts queued by an earlier version do not carry the post they answer: found as that version
   * found it (the post as stored, else the conversation's latest post).
   */
  private void fillInAnsweringPosts() {
    outbox.fillInAnsweringPosts(
        part ->
            customerPosts
                .find(new PostKey(part.network(), part.answeringPostId()))
                .or(
                    () ->
                        conversations
                            .findByTicket(part.ticketId())
                            .map(Conversations.Conversation::lastPost)));
  }

  /** The helpdesk rang: read agents' activity now. */
  public void ring() {
    poller.ring();
  }

  private void run() {
    while (running) {
      try {
        publisher.recoverAbandoned();
        int moved = workflow.processOnce() + publisher.processOnce();
        if (moved > 0) {
          continue;
        }
      } catch (RuntimeException e) {
        log.atWarn().log("Reply loop: {}", e.getMessage());
      }
      try {
        wake.tryAcquire(REPLY_POLL.toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Stops reading and replying without giving the activity lease up, as a SIGKILL would; for tests
   * of takeovers.
   */
  public void halt() throws InterruptedException {
    running = false;
    wake.release();
    poller.halt();
    joinLoop();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    wake.release();
    poller.close();
    joinLoop();
  }

  private void joinLoop() throws InterruptedException {
    if (loop != null) {
      loop.join(Duration.ofSeconds(10));
    }
  }
}
