package org.socialdesk.channel.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.json.ChannelJson;
import org.socialdesk.channel.oauth.TokenUnavailable;

/**
 * The optional Jetstream subscription ({@code jetstream-url}): posts of the whole network as JSON,
 * filtered here to those that concern the brand. A post that mentions the brand, answers or quotes
 * one of its posts does not become a ticket from the stream itself (the stream has no author
 * handle, and notifications stay the one source of truth): it triggers an immediate poll of the
 * notifications, repeated at {@link #AFTER} to ride out the AppView's indexing delay, so a ticket
 * comes within seconds instead of a poll interval. A delete of a watched customer post is marked at
 * once. A stream has gaps: after every (re)connection the notifications are polled (backfill), and
 * the stream resumes from the last event's {@code time_us}.
 */
final class BlueskyJetstream {

  private static final Logger log = LoggerFactory.getLogger(BlueskyJetstream.class);

  /** Polls after a relevant post: at once, then as the AppView may still be indexing it. */
  static final List<Duration> AFTER =
      List.of(
          Duration.ZERO, Duration.ofMillis(700), Duration.ofMillis(1500), Duration.ofSeconds(4));

  static final Duration FIRST_RECONNECT = Duration.ofSeconds(1);
  static final Duration MAX_RECONNECT = Duration.ofSeconds(60);

  private final URI url;
  private final HttpClient http;
  private final BlueskySession session;
  private final BlueskyPoller poller;
  private final BlueskyPosts posts;
  private final Ingest ingest;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private volatile boolean stopped;
  private volatile WebSocket socket;
  private volatile long lastTimeUs;
  private volatile Duration reconnect = FIRST_RECONNECT;
  private volatile String brand;

  BlueskyJetstream(
      URI url,
      HttpClient http,
      BlueskySession session,
      BlueskyPoller poller,
      BlueskyPosts posts,
      Ingest ingest,
      ScheduledExecutorService scheduler,
      Clock clock) {
    this.url = url;
    this.http = http;
    this.session = session;
    this.poller = poller;
    this.posts = posts;
    this.ingest = ingest;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  void start() {
    scheduler.execute(this::connect);
  }

  void stop() {
    stopped = true;
    WebSocket open = socket;
    if (open != null) {
      open.abort();
    }
  }

  private void connect() {
    if (stopped) {
      return;
    }
    try {
      brand = session.did();
    } catch (TokenUnavailable e) {
      retry("cannot sign in: " + e.getMessage());
      return;
    }
    String query =
        "wantedCollections="
            + BlueskyIds.POST_COLLECTION
            + (lastTimeUs > 0 ? "&cursor=" + lastTimeUs : "");
    URI subscribe = URI.create(url + (url.getQuery() == null ? "?" : "&") + query);
    http.newWebSocketBuilder()
        .buildAsync(subscribe, new Listener())
        .whenComplete(
            (opened, failure) -> {
              if (failure != null) {
                retry("cannot connect to " + url + ": " + failure);
                return;
              }
              socket = opened;
              reconnect = FIRST_RECONNECT;
              log.info("bluesky: Jetstream connected ({}); polling to fill the gap", url);
              pollSoon(); // backfill: what happened while the stream was away
            });
  }

  private void retry(String why) {
    if (stopped) {
      return;
    }
    Duration wait = reconnect;
    reconnect =
        wait.multipliedBy(2).compareTo(MAX_RECONNECT) > 0 ? MAX_RECONNECT : wait.multipliedBy(2);
    log.warn("bluesky: Jetstream: {}; reconnecting in {}", UntrustedText.forLog(why), wait);
    scheduler.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pollSoon() {
    for (Duration after : AFTER) {
      scheduler.schedule(poller::pollQuietly, after.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** One stream event. */
  void handle(JsonNode event) {
    lastTimeUs = Math.max(lastTimeUs, event.path("time_us").asLong(0));
    JsonNode commit = event.path("commit");
    if (!"commit".equals(event.path("kind").asText())
        || !BlueskyIds.POST_COLLECTION.equals(commit.path("collection").asText())) {
      return;
    }
    String did = event.path("did").asText("");
    String operation = commit.path("operation").asText("");
    if (operation.equals("create") && !did.equals(brand) && concernsBrand(commit.path("record"))) {
      pollSoon();
    } else if (operation.equals("delete")) {
      deleted(did + ":" + commit.path("rkey").asText(""));
    }
  }

  /** Mentions the brand (a facet with its DID), answers or quotes one of its posts. */
  private boolean concernsBrand(JsonNode record) {
    String own = "at://" + brand + "/";
    for (JsonNode facet : record.path("facets")) {
      for (JsonNode feature : facet.path("features")) {
        if (brand.equals(feature.path("did").asText())) {
          return true;
        }
      }
    }
    JsonNode reply = record.path("reply");
    JsonNode embed = record.path("embed");
    return reply.path("parent").path("uri").asText("").startsWith(own)
        || reply.path("root").path("uri").asText("").startsWith(own)
        || embed.path("record").path("uri").asText("").startsWith(own)
        || embed.path("record").path("record").path("uri").asText("").startsWith(own);
  }

  private void deleted(String postId) {
    try {
      if (!posts.isWatched(postId)) {
        return;
      }
      ingest.accept(
          new InboundEvent.PostDeleted(
              new PostKey(BlueskyPostReader.NETWORK, postId), clock.instant()));
      posts.markDeleted(postId);
    } catch (RuntimeException e) {
      // The periodic deletion check finds it later.
      log.warn(
          "bluesky: Jetstream: cannot mark {} deleted now: {}", postId, UntrustedText.forLog(e));
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        try {
          handle(ChannelJson.parse(message.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
          log.debug("bluesky: Jetstream: unreadable event skipped: {}", UntrustedText.forLog(e));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      retry("closed (" + statusCode + " " + reason + ")");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      retry("failed: " + error);
    }
  }
}
