package org.socialdesk.host.config;

import java.time.Duration;

/**
 * The ticket pipeline.
 *
 * @param workers posts processed at once (each on a virtual thread); default 8, twice RT's default
 *     calls in flight, so that while some posts are enriched or recorded others keep RT busy
 * @param firstRetry delay before the first retry when the helpdesk fails; default 1s
 * @param maxRetryDelay ceiling of the exponential backoff; default 5m
 */
public record PipelineConfig(Integer workers, Duration firstRetry, Duration maxRetryDelay) {

  static final PipelineConfig DEFAULTS = new PipelineConfig(null, null, null);

  public PipelineConfig {
    workers = workers != null ? workers : 8;
    firstRetry = firstRetry != null ? firstRetry : Duration.ofSeconds(1);
    maxRetryDelay = maxRetryDelay != null ? maxRetryDelay : Duration.ofMinutes(5);
    if (workers < 1) {
      throw new IllegalArgumentException("pipeline.workers must be at least 1");
    }
  }
}
