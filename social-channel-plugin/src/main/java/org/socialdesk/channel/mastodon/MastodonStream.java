package org.socialdesk.channel.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * The user stream ({@code GET /api/v1/streaming/user}, server-sent events) on a virtual thread. The
 * stream cannot be replayed, so every connection starts with a backfill poll from the cursor; then
 * {@code notification}, {@code status.update} and {@code delete} events are handed over as they
 * come, and everything else (home-timeline {@code update}s, heartbeats) is ignored. The stream
 * never moves the cursor: Mastodon does not stream notifications its filters hold back (private
 * mentions from strangers, by default), so only the ordered poll may say "everything up to here is
 * stored"; what the stream delivered comes back once more from the poll as a duplicate, which the
 * host ignores. On end of stream, error or silence longer than {@code staleAfter} it reconnects
 * after 1s, doubling up to 60s; the delay starts again at 1s after a connection that lasted a
 * minute.
 *
 * <p>Why {@code user} and not {@code user:notification}: Mastodon sends the deletion of a status
 * that mentions the brand only on the user stream ({@code timeline:<account id>}).
 */
final class MastodonStream {

  private static final Logger log = LoggerFactory.getLogger(MastodonStream.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STABLE_AFTER = Duration.ofMinutes(1);

  /** Reconnection delays, and how long a silent connection (no heartbeat) is trusted. */
  record Timing(Duration firstDelay, Duration maxDelay, Duration staleAfter) {
    static final Timing DEFAULT =
        new Timing(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(90));
  }

  private final MastodonApi api;
  private final URI configuredStreamingUrl;
  private final URI baseUrl;
  private final MastodonPoller backfill;
  private final MastodonInbound inbound;
  private final Clock clock;
  private final Timing timing;
  private final AtomicReference<Thread> thread = new AtomicReference<>();
  private volatile boolean running;
  private volatile long lastLineNanos;
  private volatile boolean stale;
  private volatile URI streamingUrl;

  MastodonStream(
      MastodonApi api,
      URI configuredStreamingUrl,
      URI baseUrl,
      MastodonPoller backfill,
      MastodonInbound inbound,
      Clock clock,
      Timing timing) {
    this.api = api;
    this.configuredStreamingUrl = configuredStreamingUrl;
    this.baseUrl = baseUrl;
    this.backfill = backfill;
    this.inbound = inbound;
    this.clock = clock;
    this.timing = timing;
  }

  void start() {
    running = true;
    thread.set(Thread.ofVirtual().name("mastodon-stream").start(this::run));
  }

  /** Ends the connection and waits (briefly) for the thread to finish. */
  void stop() {
    running = false;
    Thread current = thread.getAndSet(null);
    if (current != null) {
      current.interrupt();
      try {
        current.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Called periodically: a connection silent for longer than {@code staleAfter} is dropped. */
  void checkAlive() {
    Thread current = thread.get();
    long last = lastLineNanos;
    if (running
        && current != null
        && last != 0
        && System.nanoTime() - last > timing.staleAfter().toNanos()) {
      log.warn(
          "mastodon: the stream has been silent for {}s; reconnecting",
          Duration.ofNanos(System.nanoTime() - last).toSeconds());
      stale = true;
      lastLineNanos = 0;
      current.interrupt();
    }
  }

  private void run() {
    Duration delay = timing.firstDelay();
    while (running) {
      Instant connected = clock.instant();
      long startNanos = System.nanoTime();
      try {
        backfill.poll();
        Optional<Duration> wait = connectAndRead();
        if (wait.isPresent()) {
          delay = wait.get();
        } else if (Duration.ofNanos(System.nanoTime() - startNanos).compareTo(STABLE_AFTER) >= 0) {
          delay = timing.firstDelay();
        }
        log.info(
            "mastodon: the stream connected at {} ended; reconnecting in {}", connected, delay);
      } catch (InterruptedException | IOException | UncheckedIOException e) {
        if (!running) {
          break;
        }
        Thread.interrupted();
        if (!stale) {
          log.warn(
              "mastodon: the stream failed ({}); reconnecting in {}",
              UntrustedText.forLog(e),
              delay);
        }
      } catch (RuntimeException e) {
        log.atError()
            .setCause(e)
            .log("mastodon: the stream failed unexpectedly; reconnecting in {}", delay);
      }
      stale = false;
      if (!sleep(delay)) {
        break;
      }
      delay = min(delay.multipliedBy(2), timing.maxDelay());
    }
  }

  /** Reads one connection to its end; a wait when Mastodon refused it with a 429. */
  private Optional<Duration> connectAndRead() throws IOException, InterruptedException {
    HttpResponse<Stream<String>> response = api.openUserStream(streamingUrl());
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() == 429) {
        return Optional.of(
            MastodonRateLimit.retryAfter(
                new MastodonApi.Answer(429, response.headers(), ""), clock.instant()));
      }
      if (response.statusCode() != 200) {
        String body = String.join("\n", lines.limit(5).toList());
        throw new IOException(
            "the stream answered "
                + new MastodonApi.Answer(response.statusCode(), response.headers(), body).error());
      }
      log.info("mastodon: the stream is connected");
      lastLineNanos = System.nanoTime();
      MastodonSse events = new MastodonSse();
      Iterator<String> each = lines.iterator();
      while (running && each.hasNext()) {
        lastLineNanos = System.nanoTime();
        Optional<MastodonSse.Event> event = events.line(each.next());
        if (event.isPresent()) {
          handle(event.get());
        }
      }
      return Optional.empty();
    } finally {
      // Only an open connection can fall silent; backfills and pauses are not watched.
      lastLineNanos = 0;
    }
  }

  private void handle(MastodonSse.Event event) throws InterruptedException {
    try {
      switch (event.name()) {
        case "notification" -> inbound.notification(JSON.readTree(event.data()));
        case "status.update" -> inbound.statusEdited(JSON.readTree(event.data()));
        case "delete" -> inbound.statusDeleted(event.data());
        default -> {}
      }
    } catch (Ingest.IngestUnavailableException
        | ChannelStorageException
        | IOException
        | IllegalArgumentException e) {
      // Not lost: the next poll reads it again from the cursor (deletions excepted; see the
      // README).
      log.warn(
          "mastodon: could not take the stream's {} event now; the next poll takes it: {}",
          UntrustedText.forLog(event.name()),
          UntrustedText.forLog(e));
    }
  }

  /**
   * {@code streaming-url}, else the instance's {@code configuration.urls.streaming}, else base-url.
   */
  private URI streamingUrl() throws InterruptedException {
    if (configuredStreamingUrl != null) {
      return configuredStreamingUrl;
    }
    URI known = streamingUrl;
    if (known != null) {
      return known;
    }
    try {
      MastodonApi.Answer answer = api.instance();
      JsonNode streaming =
          answer.ok() ? answer.json().path("configuration").path("urls").path("streaming") : null;
      if (streaming != null && streaming.isTextual()) {
        URI url =
            URI.create(
                streaming
                    .asText()
                    .replaceFirst("^wss://", "https://")
                    .replaceFirst("^ws://", "http://"));
        if (url.getHost() != null
            && ("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
          streamingUrl =
              URI.create(
                  url.getScheme()
                      + "://"
                      + url.getHost()
                      + (url.getPort() == -1 ? "" : ":" + url.getPort()));
          return streamingUrl;
        }
      }
      streamingUrl = baseUrl;
    } catch (IOException | IllegalArgumentException e) {
      log.warn(
          "mastodon: cannot read the streaming server from /api/v2/instance; trying {}: {}",
          baseUrl,
          UntrustedText.forLog(e));
      return baseUrl;
    }
    return streamingUrl;
  }

  /**
   * Whether to go on: false once stopped (an interruption for a stale connection is not a stop).
   */
  private boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      // stop() or checkAlive(); running tells which
    }
    return running;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
