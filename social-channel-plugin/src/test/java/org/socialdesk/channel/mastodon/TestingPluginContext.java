package org.socialdesk.channel.mastodon;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
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

/**
 * A plugin context with what the Mastodon channel uses (database, clock, scheduler, HTTP client,
 * ingest, run mode); the rest fails loudly, so a test notices when the channel starts needing more.
 */
final class TestingPluginContext implements PluginContext, AutoCloseable {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(1, Thread.ofVirtual().name("test-scheduler-", 0).factory());
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final DataSource dataSource;
  private final Clock clock;
  private final Ingest ingest;
  private final RunMode runMode;

  TestingPluginContext(DataSource dataSource, Clock clock, Ingest ingest, RunMode runMode) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.ingest = ingest;
    this.runMode = runMode;
  }

  static HttpClients httpClients(HttpClient http) {
    return new HttpClients() {
      @Override
      public HttpClient forPeer(String peer) {
        return http;
      }

      @Override
      public Duration requestTimeout() {
        return REQUEST_TIMEOUT;
      }
    };
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
    throw new UnsupportedOperationException("the channel is given its config record");
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
    return httpClients(http);
  }

  @Override
  public Metrics metrics() {
    throw new UnsupportedOperationException("not in these tests");
  }

  @Override
  public WebRegistry web() {
    throw new UnsupportedOperationException("the Mastodon channel mounts nothing");
  }

  @Override
  public Ingest ingest() {
    return ingest;
  }

  @Override
  public HelpdeskGateway helpdesk() {
    throw new UnsupportedOperationException("not in these tests");
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    http.close();
  }
}
