package org.socialdesk.api.enrich;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What enrichers found about a post. Every component but {@code fields} may be null (not known);
 * the {@code with...} methods return a copy with one thing changed.
 *
 * @param sentiment the post's sentiment
 * @param language ISO 639-1 code of the post's language
 * @param influence the author's influence
 * @param intent what the customer wants
 * @param priority the helpdesk priority (0..99 for Request Tracker)
 * @param queue a queue other than the default social queue (e.g. sales for a lead)
 * @param closeNote if set, the ticket is created and closed at once with this note (spam)
 * @param due the first-response deadline the ticket is born with
 * @param fields further helpdesk fields by logical name (e.g. {@code Intent})
 */
public record Enrichment(
    Sentiment sentiment,
    String language,
    Influence influence,
    Intent intent,
    Integer priority,
    String queue,
    String closeNote,
    Instant due,
    Map<String, String> fields) {

  public static final Enrichment NONE =
      new Enrichment(null, null, null, null, null, null, null, null, Map.of());

  public Enrichment {
    fields = Map.copyOf(Objects.requireNonNull(fields, "fields"));
  }

  public Enrichment withSentiment(Sentiment value) {
    return new Enrichment(
        value, language, influence, intent, priority, queue, closeNote, due, fields);
  }

  public Enrichment withLanguage(String value) {
    return new Enrichment(
        sentiment, value, influence, intent, priority, queue, closeNote, due, fields);
  }

  public Enrichment withInfluence(Influence value) {
    return new Enrichment(
        sentiment, language, value, intent, priority, queue, closeNote, due, fields);
  }

  public Enrichment withIntent(Intent value) {
    return new Enrichment(
        sentiment, language, influence, value, priority, queue, closeNote, due, fields);
  }

  public Enrichment withPriority(Integer value) {
    return new Enrichment(
        sentiment, language, influence, intent, value, queue, closeNote, due, fields);
  }

  public Enrichment withQueue(String value) {
    return new Enrichment(
        sentiment, language, influence, intent, priority, value, closeNote, due, fields);
  }

  public Enrichment withCloseNote(String value) {
    return new Enrichment(
        sentiment, language, influence, intent, priority, queue, value, due, fields);
  }

  public Enrichment withDue(Instant value) {
    return new Enrichment(
        sentiment, language, influence, intent, priority, queue, closeNote, value, fields);
  }

  public Enrichment withField(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(fields);
    copy.put(name, value);
    return new Enrichment(
        sentiment, language, influence, intent, priority, queue, closeNote, due, copy);
  }
}
