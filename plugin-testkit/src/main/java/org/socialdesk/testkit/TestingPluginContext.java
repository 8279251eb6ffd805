package org.socialdesk.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.helpdesk.HelpdeskGateway;

/**
 * A plugin context holding only what a test gave its {@link Builder}; every service not given fails
 * loudly with {@link UnsupportedOperationException}, so a test notices when the plugin starts
 * needing more. The web registry is always a {@link RecordingWebRegistry}. {@link #close()} stops
 * what the context made itself ({@link Builder#ownScheduler()}, {@link
 * Builder#httpClients(Duration)}), never what the test handed in.
 */
public final class TestingPluginContext implements PluginContext, AutoCloseable {

  private final PluginDescriptor descriptor;
  private final RunMode runMode;
  private final ConfigSection config;
  private final DataSource dataSource;
  private final EventBus events;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final HttpClients httpClients;
  private final Metrics metrics;
  private final Ingest ingest;
  private final HelpdeskGateway helpdesk;
  private final RecordingWebRegistry web = new RecordingWebRegistry();
  private final List<AutoCloseable> owned;

  private TestingPluginContext(Builder builder) {
    this.descriptor = builder.descriptor;
    this.runMode = builder.runMode;
    this.config = builder.config;
    this.dataSource = builder.dataSource;
    this.events = builder.events;
    this.clock = builder.clock;
    this.scheduler = builder.scheduler;
    this.httpClients = builder.httpClients;
    this.metrics = builder.metrics;
    this.ingest = builder.ingest;
    this.helpdesk = builder.helpdesk;
    this.owned = List.copyOf(builder.owned);
  }

  /** A builder with nothing given yet. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What the plugin mounted, by path spec, in mounting order; serve it with {@link TestingJetty}.
   */
  public Map<String, RecordingWebRegistry.Mount> mounts() {
    return web.mounts();
  }

  @Override
  public PluginDescriptor descriptor() {
    return given(descriptor, "descriptor");
  }

  @Override
  public RunMode runMode() {
    return given(runMode, "runMode");
  }

  @Override
  public ConfigSection config() {
    return given(config, "config");
  }

  @Override
  public DataSource dataSource() {
    return given(dataSource, "dataSource");
  }

  @Override
  public EventBus events() {
    return given(events, "events");
  }

  @Override
  public Clock clock() {
    return given(clock, "clock");
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return given(scheduler, "scheduler");
  }

  @Override
  public HttpClients httpClients() {
    return given(httpClients, "httpClients");
  }

  @Override
  public Metrics metrics() {
    return given(metrics, "metrics");
  }

  @Override
  public RecordingWebRegistry web() {
    return web;
  }

  @Override
  public Ingest ingest() {
    return given(ingest, "ingest");
  }

  @Override
  public HelpdeskGateway helpdesk() {
    return given(helpdesk, "helpdesk");
  }

  /** Stops the scheduler and HTTP clients the context made itself. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (AutoCloseable resource : owned) {
      try {
        resource.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("cannot close the testing context", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static <T> T given(T service, String name) {
    if (service == null) {
      throw new UnsupportedOperationException(name + " was not given to this TestingPluginContext");
    }
    return service;
  }

  /** What a test gives the context; each method returns this builder. */
  public static final class Builder {

    private PluginDescriptor descriptor;
    private RunMode runMode;
    private ConfigSection config;
    private DataSource dataSource;
    private EventBus events;
    private Clock clock;
    private ScheduledExecutorService scheduler;
    private HttpClients httpClients;
    private Metrics metrics;
    private Ingest ingest;
    private HelpdeskGateway helpdesk;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private Builder() {}

    public Builder descriptor(PluginDescriptor descriptor) {
      this.descriptor = descriptor;
      return this;
    }

    public Builder runMode(RunMode runMode) {
      this.runMode = runMode;
      return this;
    }

    /**
     * A present configuration section whose {@link ConfigSection#bind} returns {@code bound} (the
     * plugin's configuration record, built by the test).
     */
    public Builder config(Object bound) {
      this.config =
          new ConfigSection() {
            @Override
            public boolean isPresent() {
              return true;
            }

            @Override
            public <T> T bind(Class<T> type) {
              return type.cast(bound);
            }
          };
      return this;
    }

    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    public Builder events(EventBus events) {
      this.events = events;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** A scheduler the test owns and stops. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** A one-thread scheduler on virtual threads, as the host's, stopped by {@link #close()}. */
    public Builder ownScheduler() {
      ScheduledExecutorService own =
          Executors.newScheduledThreadPool(
              1, Thread.ofVirtual().name("test-scheduler-", 0).factory());
      owned.add(own::shutdownNow);
      return scheduler(own);
    }

    /** HTTP clients the test owns. */
    public Builder httpClients(HttpClients httpClients) {
      this.httpClients = httpClients;
      return this;
    }

    /** {@link TestingHttpClients} with {@code requestTimeout}, closed by {@link #close()}. */
    public Builder httpClients(Duration requestTimeout) {
      TestingHttpClients own = new TestingHttpClients(requestTimeout);
      owned.add(own);
      return httpClients(own);
    }

    public Builder metrics(Metrics metrics) {
      this.metrics = metrics;
      return this;
    }

    public Builder ingest(Ingest ingest) {
      this.ingest = ingest;
      return this;
    }

    public Builder helpdesk(HelpdeskGateway helpdesk) {
      this.helpdesk = helpdesk;
      return this;
    }

    public TestingPluginContext build() {
      return new TestingPluginContext(this);
    }
  }
}
