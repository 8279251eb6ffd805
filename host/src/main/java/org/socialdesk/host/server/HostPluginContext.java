package org.socialdesk.host.server;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.ConfigSection;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.HttpClients;
import org.socialdesk.api.Metrics;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.helpdesk.HelpdeskGateway;

/** What one plugin sees of the host. Its scheduler is its own and is shut down with it. */
final class HostPluginContext implements PluginContext, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HostPluginContext.class);

  private final PluginDescriptor descriptor;
  private final ConfigSection config;
  private final HostServices services;
  private final ScheduledExecutorService scheduler;
  private final RunMode runMode;

  HostPluginContext(
      PluginDescriptor descriptor, ConfigSection config, HostServices services, RunMode runMode) {
    this.descriptor = descriptor;
    this.runMode = runMode;
    this.config = config;
    this.services = services;
    this.scheduler =
        new FailureRecordingScheduler(
            Thread.ofVirtual().name(descriptor.id() + "-scheduled-", 0).factory());
  }

  /**
   * What stopped one of the plugin's periodic tasks, e.g. "a scheduled task stopped:
   * IllegalStateException: ..."; empty while they all run. A periodic task that throws is never run
   * again by the scheduler, so the plugin is broken from then on even though it started.
   */
  Optional<String> runtimeFailure() {
    return Optional.ofNullable(((FailureRecordingScheduler) scheduler).failure);
  }

  /** A scheduler that remembers the first periodic task that ended by throwing. */
  private final class FailureRecordingScheduler extends ScheduledThreadPoolExecutor {
    private volatile String failure;

    FailureRecordingScheduler(ThreadFactory threads) {
      super(0, threads);
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
      super.afterExecute(task, thrown);
      // A periodic task is only ever done when cancelled or when a run threw.
      if (task instanceof RunnableScheduledFuture<?> future
          && future.isPeriodic()
          && future.isDone()
          && !future.isCancelled()) {
        try {
          future.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          if (failure == null) {
            failure =
                "a scheduled task stopped: "
                    + cause.getClass().getSimpleName()
                    + ": "
                    + cause.getMessage();
          }
          log.atError()
              .addKeyValue("plugin", descriptor.id())
              .setCause(cause)
              .log(
                  "A scheduled task of the plugin threw and will not run again; /readyz reports it");
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }
  }

  @Override
  public PluginDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public RunMode runMode() {
    return runMode;
  }

  @Override
  public ConfigSection config() {
    return config;
  }

  @Override
  public DataSource dataSource() {
    return services.dataSource();
  }

  @Override
  public EventBus events() {
    return services.events();
  }

  @Override
  public Clock clock() {
    return services.clock();
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Override
  public HttpClients httpClients() {
    return services.httpClients();
  }

  @Override
  public Metrics metrics() {
    return services.metrics();
  }

  @Override
  public WebRegistry web() {
    return services.web();
  }

  @Override
  public Ingest ingest() {
    return services.ingest();
  }

  @Override
  public HelpdeskGateway helpdesk() {
    return services.helpdesk();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
