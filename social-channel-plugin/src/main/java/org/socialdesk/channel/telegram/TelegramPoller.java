package org.socialdesk.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * Long-polls {@code getUpdates}. Telegram forgets every update below the {@code offset} a call
 * sends, so the offset sent is always one past the last update stored (kept in {@code
 * channel_cursor}, so a restart goes on from there): an update is confirmed only once the host has
 * stored it. Updates are taken in in {@code update_id} order; when the host cannot store one the
 * poll stops before it and the next poll asks for it again. After a 429 it waits Telegram's {@code
 * retry_after}; after any other failure, {@code retry-interval}.
 */
final class TelegramPoller {

  private static final Logger log = LoggerFactory.getLogger(TelegramPoller.class);

  /** The update kinds the channel reads; Telegram sends only these. */
  static final List<String> ALLOWED_UPDATES =
      List.of("message", "edited_message", "business_message", "edited_business_message");

  static final int LIMIT = 100;

  /** How a poll ended. */
  enum Outcome {
    /** Every update Telegram gave is stored and confirmed (maybe none). */
    CAUGHT_UP,
    /** The host could not store an update; the offset stayed before it. */
    INGEST_UNAVAILABLE,
    /** Telegram or the database failed; the offset stayed where it was. */
    FAILED,
    /** Telegram's flood control; no call before its retry_after. */
    RATE_LIMITED
  }

  private final TelegramApi api;
  private final TelegramStore store;
  private final TelegramIntake intake;
  private final TelegramConfig config;
  private final Clock clock;
  private final ReentrantLock oneAtATime = new ReentrantLock();
  private volatile Instant notBefore = Instant.MIN;

  TelegramPoller(
      TelegramApi api,
      TelegramStore store,
      TelegramIntake intake,
      TelegramConfig config,
      Clock clock) {
    this.api = api;
    this.store = store;
    this.intake = intake;
    this.config = config;
    this.clock = clock;
  }

  /** Polls again and again until interrupted (the channel's own thread), pausing after failures. */
  void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Outcome outcome = poll();
        if (outcome != Outcome.CAUGHT_UP) {
          Thread.sleep(pause(outcome).toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.atError().setCause(e).log("telegram: polling getUpdates failed unexpectedly");
        try {
          Thread.sleep(config.retryInterval().toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private Duration pause(Outcome outcome) {
    if (outcome == Outcome.RATE_LIMITED) {
      Duration wait = Duration.between(clock.instant(), notBefore);
      return wait.isNegative() ? Duration.ZERO : wait;
    }
    return config.retryInterval();
  }

  /** One {@code getUpdates} call and the intake of what it returned. */
  Outcome poll() throws InterruptedException {
    oneAtATime.lockInterruptibly();
    try {
      if (clock.instant().isBefore(notBefore)) {
        return Outcome.RATE_LIMITED;
      }
      return fetchAndTake();
    } catch (ChannelStorageException e) {
      log.warn(
          "telegram: polling failed on the database; asking again from the stored offset: {}",
          UntrustedText.forLog(e.getMessage()));
      return Outcome.FAILED;
    } finally {
      oneAtATime.unlock();
    }
  }

  private Outcome fetchAndTake() throws InterruptedException {
    Map<String, Object> parameters = new LinkedHashMap<>();
    store.lastUpdate().ifPresent(last -> parameters.put("offset", last + 1));
    parameters.put("limit", LIMIT);
    parameters.put("timeout", config.longPollTimeout().toSeconds());
    parameters.put("allowed_updates", ALLOWED_UPDATES);
    TelegramApi.Answer answer;
    try {
      answer = api.call("getUpdates", parameters, config.longPollTimeout());
    } catch (IOException e) {
      log.warn(
          "telegram: getUpdates failed; trying again in {}: {}",
          config.retryInterval(),
          UntrustedText.forLog(api.describe(e)));
      return Outcome.FAILED;
    }
    if (answer.status() == 429) {
      long seconds = Math.max(1, answer.retryAfterSeconds());
      notBefore = clock.instant().plusSeconds(seconds);
      log.warn("telegram: getUpdates answered 429; next poll in {}s as Telegram asks", seconds);
      return Outcome.RATE_LIMITED;
    }
    if (!answer.ok() || !answer.result().isArray()) {
      log.warn(
          "telegram: getUpdates answered {}{}",
          UntrustedText.forLog(answer.description()),
          answer.status() == 409
              ? " (a webhook is set: delete it, or set plugins.social-channel.telegram.mode to webhook)"
              : "");
      return Outcome.FAILED;
    }
    return take(oldestFirst(answer.result()));
  }

  private Outcome take(List<JsonNode> updates) {
    for (JsonNode update : updates) {
      long id = update.path("update_id").asLong();
      try {
        intake.take(update);
      } catch (Ingest.IngestUnavailableException e) {
        log.warn(
            "telegram: the host cannot store update {} now; asking for it again later: {}",
            id,
            UntrustedText.forLog(e.getMessage()));
        return Outcome.INGEST_UNAVAILABLE;
      } catch (TelegramUnavailable e) {
        log.warn(
            "telegram: cannot read update {} now; asking for it again later: {}",
            id,
            UntrustedText.forLog(e.getMessage()));
        return Outcome.FAILED;
      }
      store.confirm(id);
    }
    return Outcome.CAUGHT_UP;
  }

  /** The updates that have an id, by id; Telegram sends them in order, this makes sure. */
  private static List<JsonNode> oldestFirst(JsonNode result) {
    List<JsonNode> updates = new ArrayList<>();
    for (JsonNode update : result) {
      if (update.path("update_id").isIntegralNumber()) {
        updates.add(update);
      }
    }
    updates.sort(
        (a, b) -> Long.compare(a.path("update_id").asLong(), b.path("update_id").asLong()));
    return updates;
  }
}
