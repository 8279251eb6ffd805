package org.socialdesk.sentiment;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
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
 */
final class OtherTicketTagger {

  private static final Logger log = LoggerFactory.getLogger(OtherTicketTagger.class);

  private final Supplier<LanguageDetector> languages;
  private final Supplier<SentimentModel> model;
  private final IntentClassifier intents = new IntentClassifier();
  private final PriorityRule priority;
  private final HelpdeskGateway helpdesk;
  private final ScheduledExecutorService retries;
  private final List<Duration> backoff;

  /** Waits before each new try after a helpdesk outage: about 20 minutes in all. */
  static final List<Duration> BACKOFF =
      List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(12));

  OtherTicketTagger(Supplier<LanguageDetector> languages, Supplier<SentimentModel> model, PriorityRule priority, HelpdeskGateway helpdesk,
      ScheduledExecutorService retries) {
    this(languages, model, priority, helpdesk, retries, BACKOFF);
  }

  OtherTicketTagger(Supplier<LanguageDetector> languages, Supplier<SentimentModel> model, PriorityRule priority, HelpdeskGateway helpdesk,
      ScheduledExecutorService retries, List<Duration> backoff) {
    this.languages = languages;
    this.model = model;
    this.priority = priority;
    this.helpdesk = helpdesk;
    this.retries = retries;
    this.backoff = List.copyOf(backoff);
  }

  /** The tags of a ticket's subject and first message. */
  TicketUpdate tags(String subject, String text) {
    String whole = subject.isBlank() ? text : subject + "\n" + text;
    String language = languages.get().detect(whole);
    Prediction prediction = model.get().classify(whole, language, EnumSet.allOf(Label.class));
    Sentiment sentiment = new Sentiment(Sentiment.Label.valueOf(prediction.label().name()), prediction.score());
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

  /**
   * Tags an opened ticket. While the helpdesk is down or busy the tags are sent again later (by
   * default after {@link #BACKOFF}); a refusal, or an outage longer than that, is logged and the ticket stays
   * untagged. The tries live in memory: a restart in the meantime drops them.
   */
  void onOpened(SocialdeskEvent.TicketOpened opened) {
    send(opened, tags(opened.subject(), opened.text()), 0);
  }

  private void send(SocialdeskEvent.TicketOpened opened, TicketUpdate update, int failures) {
    try {
      helpdesk.update(opened.ticket(), update);
      log.atInfo().addKeyValue("ticket", opened.ticket()).addKeyValue("queue", opened.queue()).addKeyValue("tags", update.fields())
          .log("Tagged a ticket opened outside the social networks");
    } catch (HelpdeskException e) {
      if (!e.retryable() || failures == backoff.size()) {
        log.atWarn().addKeyValue("ticket", opened.ticket()).log("Could not tag the ticket; it stays untagged: {}", e.getMessage());
        return;
      }
      Duration wait = backoff.get(failures);
      log.atInfo().addKeyValue("ticket", opened.ticket()).addKeyValue("retryIn", wait).log("Could not tag the ticket yet: {}", e.getMessage());
      retries.schedule(() -> send(opened, update, failures + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
