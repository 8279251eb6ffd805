package org.socialdesk.host.server;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
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

  private final PluginDescriptor descriptor;
  private final ConfigSection config;
  private final HostServices services;
  private final ScheduledExecutorService scheduler;
  private final RunMode runMode;

  HostPluginContext(PluginDescriptor descriptor, ConfigSection config, HostServices services, RunMode runMode) {
    this.descriptor = descriptor;
    this.runMode = runMode;
    this.config = config;
    this.services = services;
    this.scheduler =
        Executors.newScheduledThreadPool(0, Thread.ofVirtual().name(descriptor.id() + "-scheduled-", 0).factory());
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
