package org.socialdesk.sentiment;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.Plugin;
import org.socialdesk.api.PluginCommand;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;
import org.socialdesk.api.enrich.Enricher;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.PlausibleTimes;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.sentiment.influence.InfluenceScorer;
import org.socialdesk.sentiment.language.LanguageDetector;
import org.socialdesk.sentiment.model.SentimentModel;
import org.socialdesk.sentiment.priority.PriorityRule;

/**
 * The sentiment plugin: language, sentiment, influence and intent for every social ticket, and the
 * priority they give it. Agents' corrections of the Sentiment field are kept as labelled texts for
 * the next brand model ({@code socialdesk sentiment train}).
 */
public final class SentimentPlugin implements Plugin {

  private static final Logger log = LoggerFactory.getLogger(SentimentPlugin.class);

  /** How often tags that could not reach the helpdesk are tried again. */
  private static final Duration TAG_SWEEP = Duration.ofSeconds(2);

  private final PluginDescriptor descriptor = PluginDescriptor.of(SentimentPlugin.class);
  private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
  private volatile SentimentConfig config;
  private volatile SentimentTables tables;
  private volatile CompletableFuture<SentimentModel> model;
  private volatile CompletableFuture<LanguageDetector> languages;
  private volatile Enricher enricher;
  private volatile OtherTicketTagger tagger;
  private volatile Clock clock = Clock.systemUTC();

  @Override
  public PluginDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public void start(PluginContext context) {
    config = context.config().bind(SentimentConfig.class);
    clock = context.clock();
    tables = new SentimentTables(context.dataSource());
    loadModels(config.languages(), true);
    enricher =
        new SentimentEnricher(
            languages::join,
            model::join,
            new InfluenceScorer(config.influence(), clock),
            new PriorityRule(config.priority()),
            post ->
                tables.history(post.network(), post.author().accountId(), post.author().handle()),
            config);
    EventBus events = PlausibleTimes.guarding(context.events(), clock);
    subscriptions.add(events.subscribe(SocialdeskEvent.PostRouted.class, this::remember));
    subscriptions.add(
        events.subscribe(
            SocialdeskEvent.FieldChanged.class, new AgentCorrections(tables)::onFieldChanged));
    if (config.tagOtherTickets()) {
      OtherTicketTagger tagger =
          new OtherTicketTagger(
              languages::join,
              model::join,
              new PriorityRule(config.priority()),
              context.helpdesk(),
              new PendingTags(context.dataSource(), clock),
              clock);
      subscriptions.add(events.subscribe(SocialdeskEvent.TicketOpened.class, tagger::onOpened));
      tagger.start(context.scheduler(), TAG_SWEEP);
      this.tagger = tagger;
    }
  }

  /**
   * Starts loading the language detector and the model (the brand model if {@code brand} and one
   * was trained, else the default one). They take seconds; Socialdesk serves meanwhile and the
   * first post waits for them. The plugin holds them: nothing is cached in static fields.
   */
  private synchronized void loadModels(List<String> codes, boolean brand) {
    languages =
        CompletableFuture.supplyAsync(
            () -> LanguageDetector.forLanguages(codes), Thread::startVirtualThread);
    model =
        languages.thenApplyAsync(
            detector -> {
              SentimentModel loaded =
                  (brand ? tables.latestModel(detector) : Optional.<SentimentModel>empty())
                      .orElseGet(() -> SentimentModel.readDefault(detector));
              log.atInfo().addKeyValue("model", loaded.description()).log("Sentiment model loaded");
              return loaded;
            },
            Thread::startVirtualThread);
  }

  /**
   * For the commands that run without the host (classify, eval): the default model, loaded once.
   */
  private synchronized CompletableFuture<SentimentModel> model() {
    if (model == null) {
      loadModels(LanguageDetector.defaultLanguages(), false);
    }
    return model;
  }

  private synchronized CompletableFuture<LanguageDetector> languages() {
    model();
    return languages;
  }

  /**
   * A new conversation counts in its author's history, and its first post is kept for corrections.
   */
  private void remember(SocialdeskEvent.PostRouted routed) {
    if (!routed.newTicket()) {
      return;
    }
    Sentiment sentiment = routed.enrichment().sentiment();
    boolean negative = sentiment != null && sentiment.label() == Sentiment.Label.NEGATIVE;
    // The host delivers a routed post again after a crash: the author's history counts a ticket
    // once.
    if (tables.rememberTicket(
        routed.ticket().helpdesk(),
        routed.ticket().id(),
        routed.post().text(),
        sentiment == null ? null : sentiment.label().wireName(),
        routed.enrichment().language(),
        routed.at())) {
      tables.countConversation(
          routed.post().network(), routed.post().author().accountId(), negative, routed.at());
    }
  }

  @Override
  public void stop() {
    subscriptions.forEach(EventBus.Subscription::close);
    subscriptions.clear();
    if (tagger != null) {
      tagger.close();
      tagger = null;
    }
  }

  @Override
  public List<Enricher> enrichers() {
    return enricher == null ? List.of() : List.of(enricher);
  }

  @Override
  public List<PluginCommand> commands() {
    return List.of(
        new SentimentCommand(
            () -> model().join(), () -> languages().join(), () -> tables, () -> config, clock));
  }
}
