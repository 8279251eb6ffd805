package org.socialdesk.api;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Counters, timers and gauges exposed on {@code /metrics}. Names are dotted lower case, tags are
 * key/value pairs; the host prefixes nothing, so choose names that say whose they are.
 */
public interface Metrics {

  Counter counter(String name, String... tags);

  Timer timer(String name, String... tags);

  void gauge(String name, Supplier<Number> value, String... tags);

  interface Counter {
    void increment();

    void increment(double amount);
  }

  interface Timer {
    void record(Duration duration);
  }
}
