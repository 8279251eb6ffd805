package org.socialdesk.sla;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.Plugin;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.event.PlausibleTimes;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.sla.SlaHook;
import org.socialdesk.sla.alert.SlaAlertOutbox;
import org.socialdesk.sla.alert.SlaWebhook;
import org.socialdesk.sla.clock.SlaClockEvents;
import org.socialdesk.sla.clock.SlaTicker;
import org.socialdesk.sla.clock.SlaTicketDue;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.config.SlaConfig;
import org.socialdesk.sla.config.SlaWebhookConfig;
import org.socialdesk.sla.policy.Facts;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.sla.policy.SlaTarget;
import org.socialdesk.sla.report.SlaReport;
import org.socialdesk.sla.report.SlaReportServlet;
import org.socialdesk.sla.report.SlaSummaries;
import org.socialdesk.sla.wall.WallBoard;
import org.socialdesk.sla.wall.WallBroadcaster;
import org.socialdesk.sla.wall.WallHistory;
import org.socialdesk.sla.wall.WallStreamServlet;

/**
 * The SLA plugin. Done: policies and calendars from configuration; the first-response Due every new
 * social ticket is born with; clocks stored in {@code sla_clock} and started, answered and
 * withdrawn from the host's events ({@link SlaClockEvents}); in server mode a tick every second
 * that warns and breaches them once each ({@link SlaTicker}) and delivers the alerts from the
 * {@code sla_alert} outbox to the ticket (comment, priority) and the optional signed JSON webhook
 * ({@link SlaAlertOutbox}); the ticket's Due kept on its earliest running deadline as clocks start
 * and stop ({@link SlaTicketDue}); the manager report at {@code GET /api/sla/report} ({@link
 * SlaReportServlet}); the report page at {@code /sla/} and the live wall at {@code /wall/} with its
 * stream {@code GET /api/wall/stream} ({@link WallBroadcaster}). Resolving a ticket ends its
 * resolution clock ({@code TicketStatusChanged}). See sla-plugin/docs/sla-semantics.md and
 * sla-config.md.
 */
public final class SlaPlugin implements Plugin {

  private static final Logger LOG = LoggerFactory.getLogger(SlaPlugin.class);

  private final PluginDescriptor descriptor = PluginDescriptor.of(SlaPlugin.class);
  private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
  private volatile SlaHook firstResponse;
  private volatile ScheduledFuture<?> ticking;
  private volatile ScheduledFuture<?> wallRefresh;
  private volatile ScheduledFuture<?> summarizing;
  private volatile WallBroadcaster wall;

  @Override
  public PluginDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public void start(PluginContext context) {
    SlaConfig config = context.config().bind(SlaConfig.class);
    if (!config.enabled()) {
      return;
    }
    SlaPolicies policies = config.slaPolicies();
    firstResponse =
        (post, enrichment) ->
            Optional.of(
                policies
                    .match(Facts.of(post, enrichment, null))
                    .due(
                        SlaTarget.FIRST_RESPONSE,
                        PlausibleTimes.orNow(post.postedAt(), context.clock().instant())));
    SlaJdbc jdbc = new SlaJdbc(context.dataSource());
    SlaClockEvents clocks = new SlaClockEvents(jdbc, policies);
    // The plugin does not rely on the host for sane times: a clock at year -999999999 is an SQL
    // error, one at Instant.MAX overflows, and one in 2099 never comes due.
    EventBus events = PlausibleTimes.guarding(context.events(), context.clock());
    subscriptions.add(events.subscribe(SocialdeskEvent.PostRouted.class, clocks::onPostRouted));
    subscriptions.add(
        events.subscribe(SocialdeskEvent.ReplyPublished.class, clocks::onReplyPublished));
    subscriptions.add(events.subscribe(SocialdeskEvent.PostChanged.class, clocks::onPostChanged));
    subscriptions.add(
        events.subscribe(SocialdeskEvent.TicketStatusChanged.class, clocks::onTicketStatusChanged));
    context
        .web()
        .mount(
            "/api/sla/*",
            new SlaReportServlet(
                new SlaReport(jdbc, policies), context.clock(), config.report().zoneId(policies)),
            WebRegistry.Access.ADMIN);
    // The pages are static and hold no data: public. Their data comes from the admin APIs.
    context.web().mount("/sla/*", new SlaPagesServlet("sla"), WebRegistry.Access.PUBLIC);
    context.web().mount("/wall/*", new SlaPagesServlet("wall"), WebRegistry.Access.PUBLIC);
    java.time.ZoneId wallZone = config.wall().zoneId(policies);
    WallBroadcaster wall =
        new WallBroadcaster(
            new WallBoard(jdbc, policies, context.clock(), wallZone),
            context.clock(),
            WallBroadcaster.DEFAULT_QUEUE,
            config.wall().showPrivateText(),
            wallZone,
            new WallHistory(jdbc));
    this.wall = wall;
    subscriptions.addAll(wall.subscribe(events));
    context
        .web()
        .mount(
            "/api/wall/*",
            new WallStreamServlet(wall, WallStreamServlet.HEARTBEAT),
            WebRegistry.Access.ADMIN);
    if (context.runMode() == RunMode.SERVER) {
      SlaWebhookConfig webhookConfig = config.outlets().webhook();
      SlaWebhook webhook =
          webhookConfig == null
              ? null
              : new SlaWebhook(
                  webhookConfig,
                  context.httpClients().forPeer("sla-webhook"),
                  context.httpClients().requestTimeout());
      SlaTicker ticker =
          new SlaTicker(
              jdbc, policies, config.escalation(), webhook != null, events, context.clock());
      SlaAlertOutbox outbox =
          new SlaAlertOutbox(jdbc, context.helpdesk(), webhook, context.clock());
      SlaTicketDue due = new SlaTicketDue(jdbc, context.helpdesk(), context.clock());
      ticking =
          context
              .scheduler()
              .scheduleWithFixedDelay(
                  () -> {
                    tick(ticker, outbox);
                    syncDue(due);
                  },
                  1,
                  1,
                  TimeUnit.SECONDS);
      wallRefresh =
          context.scheduler().scheduleWithFixedDelay(() -> refresh(wall), 3, 3, TimeUnit.SECONDS);
      if (config.summaries() != null) { // SlaConfig refuses summaries without the webhook
        SlaSummaries summaries =
            new SlaSummaries(
                jdbc,
                new SlaReport(jdbc, policies),
                config.summaries().schedules(),
                webhook,
                context.clock());
        summarizing =
            context
                .scheduler()
                .scheduleWithFixedDelay(() -> summarize(summaries), 5, 10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Daily and weekly summaries, every 10 s (sent within seconds of their time); a failure is
   * retried next pass.
   */
  static void summarize(SlaSummaries summaries) {
    try {
      summaries.run();
    } catch (RuntimeException e) {
      LOG.error("SLA summaries failed, retrying in 10 s", e);
    }
  }

  /** The wall's board, every few seconds; a failure is logged and the next one tries again. */
  static void refresh(WallBroadcaster wall) {
    try {
      wall.refresh();
    } catch (RuntimeException e) {
      LOG.error("Wall refresh failed, retrying in a few seconds", e);
    }
  }

  /** One tick; a failure is logged and the next tick tries again. */
  static void tick(SlaTicker ticker, SlaAlertOutbox outbox) {
    try {
      ticker.tick();
      outbox.deliver();
    } catch (RuntimeException e) {
      LOG.error("SLA tick failed, retrying in a second", e);
    }
  }

  /**
   * Tickets' Due after their clocks started or ended; a failure is logged and retried next tick.
   */
  static void syncDue(SlaTicketDue due) {
    try {
      due.deliver();
    } catch (RuntimeException e) {
      LOG.error("SLA Due sync failed, retrying in a second", e);
    }
  }

  @Override
  public void stop() {
    ScheduledFuture<?> task = ticking;
    if (task != null) {
      task.cancel(false);
    }
    ScheduledFuture<?> refreshing = wallRefresh;
    if (refreshing != null) {
      refreshing.cancel(false);
    }
    ScheduledFuture<?> summarizer = summarizing;
    if (summarizer != null) {
      summarizer.cancel(false);
    }
    WallBroadcaster broadcaster = wall;
    if (broadcaster != null) {
      broadcaster.close();
    }
    subscriptions.forEach(EventBus.Subscription::close);
    subscriptions.clear();
  }

  @Override
  public List<SlaHook> slaHooks() {
    return firstResponse == null ? List.of() : List.of(firstResponse);
  }
}
