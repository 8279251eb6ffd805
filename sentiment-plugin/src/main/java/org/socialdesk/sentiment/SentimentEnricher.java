package org.socialdesk.sentiment;

import java.util.function.Function;
import java.util.function.Supplier;
import org.socialdesk.api.enrich.Enricher;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.sentiment.influence.AuthorHistory;
import org.socialdesk.sentiment.influence.InfluenceScorer;
import org.socialdesk.sentiment.intent.IntentClassifier;
import org.socialdesk.sentiment.language.LanguageDetector;
import org.socialdesk.sentiment.model.Label;
import org.socialdesk.sentiment.model.Prediction;
import org.socialdesk.sentiment.model.SentimentModel;
import org.socialdesk.sentiment.priority.PriorityRule;

/**
 * Tags a post with its language, sentiment, the author's influence and the customer's intent, sets
 * the ticket's priority from them, and routes spam and leads per configuration. Everything runs in
 * memory: no network call.
 */
final class SentimentEnricher implements Enricher {

  private final Supplier<LanguageDetector> languages;
  private final Supplier<SentimentModel> model;
  private final InfluenceScorer influence;
  private final IntentClassifier intents = new IntentClassifier();
  private final PriorityRule priority;
  private final Function<SocialPost, AuthorHistory> history;
  private final SentimentConfig config;

  /**
   * @param history what the brand knows of a post's author (the VIP list and earlier conversations)
   */
  SentimentEnricher(
      Supplier<LanguageDetector> languages,
      Supplier<SentimentModel> model,
      InfluenceScorer influence,
      PriorityRule priority,
      Function<SocialPost, AuthorHistory> history,
      SentimentConfig config) {
    this.languages = languages;
    this.model = model;
    this.influence = influence;
    this.priority = priority;
    this.history = history;
    this.config = config;
  }

  @Override
  public String name() {
    return "sentiment";
  }

  @Override
  public int order() {
    return 100;
  }

  @Override
  public Enrichment enrich(SocialPost post, Enrichment soFar) {
    String language = languages.get().detect(post.text());
    Prediction prediction =
        model.get().classify(post.text(), language, java.util.EnumSet.allOf(Label.class));
    Sentiment sentiment =
        new Sentiment(Sentiment.Label.valueOf(prediction.label().name()), prediction.score());
    Influence reach = influence.score(post, history.apply(post));
    Intent intent = intents.classify(post.text(), sentiment);
    Enrichment enriched =
        soFar
            .withLanguage(LanguageDetector.UNDETERMINED.equals(language) ? null : language)
            .withSentiment(sentiment)
            .withInfluence(reach)
            .withIntent(intent);
    enriched = enriched.withPriority(priority.priority(enriched));
    if (intent == Intent.SPAM && config.closeSpam()) {
      enriched =
          enriched.withCloseNote(
              "Socialdesk closed this conversation as spam (promotional cues). Reopen the ticket if it is not.");
    }
    if (intent == Intent.PURCHASE_INTENT && config.leadsQueue() != null) {
      enriched = enriched.withQueue(config.leadsQueue());
    }
    return enriched;
  }
}
