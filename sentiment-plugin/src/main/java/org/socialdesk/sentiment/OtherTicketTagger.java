package org.socialdesk.sentiment;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
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

  OtherTicketTagger(Supplier<LanguageDetector> languages, Supplier<SentimentModel> model, PriorityRule priority, HelpdeskGateway helpdesk) {
    this.languages = languages;
    this.model = model;
    this.priority = priority;
    this.helpdesk = helpdesk;
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

  /** Tags an opened ticket; a helpdesk failure is logged, the ticket stays as it was. */
  void onOpened(SocialdeskEvent.TicketOpened opened) {
    TicketUpdate update = tags(opened.subject(), opened.text());
    try {
      helpdesk.update(opened.ticket(), update);
      log.atInfo().addKeyValue("ticket", opened.ticket()).addKeyValue("queue", opened.queue()).addKeyValue("tags", update.fields())
          .log("Tagged a ticket opened outside the social networks");
    } catch (HelpdeskException e) {
      log.atWarn().addKeyValue("ticket", opened.ticket()).log("Could not tag the ticket: {}", e.getMessage());
    }
  }
}
