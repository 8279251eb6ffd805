package org.socialdesk.channel.sandbox;

import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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

/**
 * A plugin context with what the sandbox uses (configuration, database, clock, ingest, servlet
 * mounting); the rest fails loudly, so a test notices when the sandbox starts needing more.
 */
final class TestingPluginContext implements PluginContext {

  final Map<String, Mounted> mounted = new LinkedHashMap<>();
  private final Object config;
  private final DataSource dataSource;
  private final Clock clock;
  private final Ingest ingest;
  private final RunMode runMode;

  record Mounted(HttpServlet servlet, WebRegistry.Access access) {}

  /** @param config what {@code config().bind(...)} returns */
  TestingPluginContext(Object config, DataSource dataSource, Clock clock, Ingest ingest, RunMode runMode) {
    this.config = config;
    this.dataSource = dataSource;
    this.clock = clock;
    this.ingest = ingest;
    this.runMode = runMode;
  }

  @Override
  public PluginDescriptor descriptor() {
    throw new UnsupportedOperationException("not in these tests");
  }

  @Override
  public RunMode runMode() {
    return runMode;
  }

  @Override
  public ConfigSection config() {
    return new ConfigSection() {
      @Override
      public boolean isPresent() {
        return true;
      }

      @Override
      public <T> T bind(Class<T> type) {
        return type.cast(config);
      }
    };
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public EventBus events() {
    throw new UnsupportedOperationException("not in these tests");
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public ScheduledExecutorService scheduler() {
    throw new UnsupportedOperationException("the sandbox runs no background work");
  }

  @Override
  public HttpClients httpClients() {
    throw new UnsupportedOperationException("not in these tests");
  }

  @Override
  public Metrics metrics() {
    throw new UnsupportedOperationException("not in these tests");
  }

  @Override
  public WebRegistry web() {
    return (pathSpec, servlet, access) -> {
      if (mounted.putIfAbsent(pathSpec, new Mounted(servlet, access)) != null) {
        throw new IllegalArgumentException("the path " + pathSpec + " is already taken");
      }
    };
  }

  @Override
  public Ingest ingest() {
    return ingest;
  }

  @Override
  public HelpdeskGateway helpdesk() {
    throw new UnsupportedOperationException("not in these tests");
  }
}
