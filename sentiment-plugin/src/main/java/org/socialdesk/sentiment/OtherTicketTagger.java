package org.socialdesk.sentiment;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.TicketField;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.sentiment.intent.IntentClassifier;
import org.socialdesk.sentiment.language.LanguageDetector;
import org.socialdesk.sentiment.model.Label;
import org.socialdesk.sentiment.model.Prediction;
import org.socialdesk.sentiment.model.SentimentModel;
import org.socialdesk.sentiment.priority.PriorityRule;

/**
 * Tags tickets that did not come from a social network (an e-mail, the web form) with their
 * language, sentiment and intent, and sets their priority by the same rule as social tickets,
 * without the influence part: there is no social author to weigh.
 *
 * <p>A ticket's tags are kept in {@link PendingTags} until the helpdesk has them: while it is down
 * or busy they are sent again later (by default after {@link #BACKOFF}), by this instance or, after
 * a restart, by the next one. A refusal, or an outage longer than that, is logged and the ticket
 * stays untagged.
 */
final class OtherTicketTagger implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OtherTicketTagger.class);

  /** How many due tags one sweep takes, and how long it holds them. */
  private static final int SWEEP_BATCH = 20;

  private static final Duration CLAIM = Duration.ofMinutes(2);

  private final Supplier<LanguageDetector> languages;
  private final Supplier<SentimentModel> model;
  private final IntentClassifier intents = new IntentClassifier();
  private final PriorityRule priority;
  private final HelpdeskGateway helpdesk;
  private final PendingTags pending;
  private final Clock clock;
  private final List<Duration> backoff;
  private final Executor firstTries;

  /** The executor of first tries when this tagger made it (and so stops it). */
  private final ExecutorService ownFirstTries;

  private volatile ScheduledFuture<?> sweeps;

  /** Waits before each new try after a helpdesk outage: about 20 minutes in all. */
  static final List<Duration> BACKOFF =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(5),
          Duration.ofMinutes(12));

  /**
   * Sends each ticket's first try on a virtual thread of its own, retries after {@link #BACKOFF}.
   */
  OtherTicketTagger(
      Supplier<LanguageDetector> languages,
      Supplier<SentimentModel> model,
      PriorityRule priority,
      HelpdeskGateway helpdesk,
      PendingTags pending,
      Clock clock) {
    this(
        languages,
        model,
        priority,
        helpdesk,
        pending,
        clock,
        BACKOFF,
        Executors.newVirtualThreadPerTaskExecutor(),
        true);
  }

  /**
   * {@code firstTries} runs each ticket's first try ({@code Runnable::run}: before onOpened
   * returns).
   */
  OtherTicketTagger(
      Supplier<LanguageDetector> languages,
      Supplier<SentimentModel> model,
      PriorityRule priority,
      HelpdeskGateway helpdesk,
      PendingTags pending,
      Clock clock,
      List<Duration> backoff,
      Executor firstTries) {
    this(languages, model, priority, helpdesk, pending, clock, backoff, firstTries, false);
  }

  private OtherTicketTagger(
      Supplier<LanguageDetector> languages,
      Supplier<SentimentModel> model,
      PriorityRule priority,
      HelpdeskGateway helpdesk,
      PendingTags pending,
      Clock clock,
      List<Duration> backoff,
      Executor firstTries,
      boolean owned) {
    this.languages = languages;
    this.model = model;
    this.priority = priority;
    this.helpdesk = helpdesk;
    this.pending = pending;
    this.clock = clock;
    this.backoff = List.copyOf(backoff);
    this.firstTries = firstTries;
    this.ownFirstTries = owned ? (ExecutorService) firstTries : null;
  }

  /** The tags of a ticket's subject and first message. */
  TicketUpdate tags(String subject, String text) {
    String whole = subject.isBlank() ? text : subject + "\n" + text;
    String language = languages.get().detect(whole);
    Prediction prediction = model.get().classify(whole, language, EnumSet.allOf(Label.class));
    Sentiment sentiment =
        new Sentiment(Sentiment.Label.valueOf(prediction.label().name()), prediction.score());
    Intent intent = intents.classify(whole, sentiment);
    Enrichment enrichment = Enrichment.NONE.withSentiment(sentiment).withIntent(intent);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(TicketField.SENTIMENT.fieldName(), sentiment.label().wireName());
    fields.put(TicketField.INTENT.fieldName(), intent.wireName());
    if (!LanguageDetector.UNDETERMINED.equals(language)) {
      fields.put(TicketField.LANGUAGE.fieldName(), language);
    }
    return new TicketUpdate(priority.priority(enrichment), null, null, fields);
  }

  /** Sends the tags still waiting, every {@code every}, from now on (also those a restart left). */
  void start(ScheduledExecutorService scheduler, Duration every) {
    sweeps =
        scheduler.scheduleWithFixedDelay(this::sweep, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Tags an opened ticket: kept first, then sent on the first-try executor, so that the host, which
   * waits for its listeners before it reads on, never waits for the helpdesk here. The kept row is
   * held for this first try, so a sweep cannot send it at the same time; after a crash it is due
   * once the hold ends. If the plugin's database cannot keep it, the tags are still sent; only
   * their retries are lost.
   */
  void onOpened(SocialdeskEvent.TicketOpened opened) {
    TicketUpdate update = tags(opened.subject(), opened.text());
    try {
      pending.add(opened.ticket(), update, CLAIM);
    } catch (IllegalStateException e) {
      log.atWarn()
          .addKeyValue("ticket", opened.ticket())
          .log("Could not keep the tags for retries; sending them once: {}", e.getMessage());
    }
    PendingTags.Pending first = new PendingTags.Pending(opened.ticket(), update, 0);
    try {
      firstTries.execute(() -> firstTry(first));
    } catch (RejectedExecutionException e) {
      log.atInfo()
          .addKeyValue("ticket", opened.ticket())
          .log("Stopping: the kept tags are sent by the sweep after the next start");
    }
  }

  private void firstTry(PendingTags.Pending tag) {
    try {
      send(tag);
    } catch (IllegalStateException e) {
      // The tags went out or are kept; only the bookkeeping failed, and the sweep will see the row
      // again.
      log.atWarn()
          .addKeyValue("ticket", tag.ticket())
          .log("Could not record the tagging: {}", e.getMessage());
    }
  }

  private void sweep() {
    try {
      pending.claimDue(SWEEP_BATCH, CLAIM).forEach(this::send);
    } catch (RuntimeException e) {
      // The next sweep tries again; a failing database must not end the schedule.
      log.atWarn().log("Could not send the waiting tags: {}", e.getMessage());
    }
  }

  private void send(PendingTags.Pending tag) {
    try {
      helpdesk.update(tag.ticket(), tag.update());
      pending.remove(tag.ticket());
      log.atInfo()
          .addKeyValue("ticket", tag.ticket())
          .addKeyValue("tags", tag.update().fields())
          .log("Tagged a ticket opened outside the social networks");
    } catch (HelpdeskException e) {
      if (!e.retryable() || tag.failures() == backoff.size()) {
        pending.remove(tag.ticket());
        log.atWarn()
            .addKeyValue("ticket", tag.ticket())
            .log("Could not tag the ticket; it stays untagged: {}", e.getMessage());
        return;
      }
      Duration wait = backoff.get(tag.failures());
      pending.retryAt(tag.ticket(), tag.failures() + 1, clock.instant().plus(wait));
      log.atInfo()
          .addKeyValue("ticket", tag.ticket())
          .addKeyValue("retryIn", wait)
          .log("Could not tag the ticket yet: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    ScheduledFuture<?> running = sweeps;
    if (running != null) {
      running.cancel(false);
    }
    if (ownFirstTries != null) {
      ownFirstTries.shutdown();
      try {
        ownFirstTries.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
