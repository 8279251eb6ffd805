package org.socialdesk.host.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.socialdesk.api.Metrics;

/** The plugin API's {@link Metrics} on a Micrometer Prometheus registry. */
public final class MicrometerMetrics implements Metrics, AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  public MicrometerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public Counter counter(String name, String... tags) {
    io.micrometer.core.instrument.Counter counter = registry.counter(name, tags);
    return new Counter() {
      @Override
      public void increment() {
        counter.increment();
      }

      @Override
      public void increment(double amount) {
        counter.increment(amount);
      }
    };
  }

  @Override
  public Timer timer(String name, String... tags) {
    io.micrometer.core.instrument.Timer timer = registry.timer(name, tags);
    return (Duration duration) -> timer.record(duration);
  }

  @Override
  public void gauge(String name, Supplier<Number> value, String... tags) {
    io.micrometer.core.instrument.Gauge.builder(name, value).tags(tags).register(registry);
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
