package org.socialdesk.channel.x;

import jakarta.servlet.http.HttpServlet;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
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
 * A plugin context with what the X channel uses (database, clock, scheduler, HTTP clients,
 * ingest, servlet mounting); the rest fails loudly, so a test notices when the channel starts
 * needing more.
 */
final class TestingPluginContext implements PluginContext {

  final Map<String, Mounted> mounted = new LinkedHashMap<>();
  private final DataSource dataSource;
  private final Clock clock;
  private final Ingest ingest;
  private final RunMode runMode;
  private final ScheduledExecutorService scheduler;
  private final Duration requestTimeout;

  record Mounted(HttpServlet servlet, WebRegistry.Access access) {}

  TestingPluginContext(
      DataSource dataSource, Clock clock, Ingest ingest, RunMode runMode, ScheduledExecutorService scheduler,
      Duration requestTimeout) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.ingest = ingest;
    this.runMode = runMode;
    this.scheduler = scheduler;
    this.requestTimeout = requestTimeout;
  }

  /** One HTTP client as the host configures them: 1 s to connect. */
  static HttpClient httpClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
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
    throw new UnsupportedOperationException("the X channel is given its XConfig");
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
    return scheduler;
  }

  @Override
  public HttpClients httpClients() {
    return new HttpClients() {
      @Override
      public HttpClient forPeer(String peer) {
        return httpClient();
      }

      @Override
      public Duration requestTimeout() {
        return requestTimeout;
      }
    };
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
