package org.socialdesk.channel.line;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * Hands the events of a signed delivery to the host, one by one, in LINE's order:
 *
 * <ul>
 *   <li>an event whose {@code webhookEventId} was handled before is skipped (a redelivery);
 *   <li>a message in a 1:1 chat is a private post whose conversation is the user; in a group or
 *       room only a message that mentions the account ({@code isSelf}) or quotes a message the
 *       channel knows (the brand's, or one it took in) is taken, as a public post of the group's
 *       conversation (the group sees the answer);
 *   <li>an {@code unsend} of a message the channel took in marks it deleted on the ticket;
 *   <li>{@code follow} and {@code unfollow} are recorded, without a ticket;
 *   <li>every other kind is acknowledged and ignored; what cannot be read goes to the host's
 *       quarantine with the reason.
 * </ul>
 *
 * An event is marked handled only after what it carried is stored, so a failure part-way leaves it
 * to LINE's redelivery; an {@link Ingest.IngestUnavailableException} reaches the servlet (503).
 */
final class LineDelivery {

  static final String NETWORK = "line";
  private static final Logger log = LoggerFactory.getLogger(LineDelivery.class);

  private final Ingest ingest;
  private final LineSeenEvents seen;
  private final LineMessages messages;
  private final LineRecorder recorder;
  private final LineProfiles profiles;
  private final LineMessageReader reader;
  private final Clock clock;

  LineDelivery(
      Ingest ingest,
      LineSeenEvents seen,
      LineMessages messages,
      LineProfiles profiles,
      LineMessageReader reader,
      Clock clock) {
    this.ingest = ingest;
    this.seen = seen;
    this.messages = messages;
    this.recorder = new LineRecorder(messages);
    this.profiles = profiles;
    this.reader = reader;
    this.clock = clock;
  }

  /** What became of one event, counted in the webhook's answer. */
  enum Outcome {
    STORED,
    DUPLICATE,
    IGNORED,
    QUARANTINED
  }

  Outcome deliver(JsonNode event) {
    String eventId = LineJson.text(event, "webhookEventId");
    if (UntrustedText.idProblem(eventId).isPresent()) {
      ingest.quarantine(
          NETWORK, event.toString(), "webhookEventId: " + UntrustedText.idProblem(eventId).get());
      return Outcome.QUARANTINED;
    }
    if (seen.seen(eventId)) {
      return Outcome.DUPLICATE;
    }
    Outcome outcome;
    try {
      outcome = handle(eventId, event);
    } catch (LineMessageReader.Unreadable e) {
      ingest.quarantine(NETWORK, event.toString(), e.getMessage());
      outcome = Outcome.QUARANTINED;
    } catch (Ingest.IngestUnavailableException | ChannelStorageException e) {
      throw e; // storage down: not acknowledged, LINE delivers again
    } catch (RuntimeException e) {
      // A shape nobody foresaw must not fail the delivery (no 5xx from input): kept for an admin.
      ingest.quarantine(NETWORK, event.toString(), "cannot be read: " + e);
      outcome = Outcome.QUARANTINED;
    }
    if (outcome != Outcome.STORED && outcome != Outcome.DUPLICATE
        || !"message".equals(LineJson.text(event, "type"))) {
      seen.markSeen(eventId, clock.instant()); // a taken-in message was marked with its record
    }
    return outcome;
  }

  private Outcome handle(String eventId, JsonNode event) throws LineMessageReader.Unreadable {
    String type = Optional.ofNullable(LineJson.text(event, "type")).orElse("");
    return switch (type) {
      case "message" -> message(reader.read(eventId, event));
      case "unsend" -> unsend(event);
      case "follow", "unfollow" -> friendship(event, type.equals("follow"));
      default -> Outcome.IGNORED;
    };
  }

  private Outcome message(LineIncoming message) {
    boolean answersKnown =
        message.quotedMessageId() != null && messages.find(message.quotedMessageId()).isPresent();
    if (!message.isOneToOne() && !message.mentionsSelf() && !answersKnown) {
      return Outcome.IGNORED; // group chatter that does not address the brand
    }
    LineProfiles.Profile profile = profiles.of(message);
    Ingest.Accepted accepted = ingest.accept(new InboundEvent.NewPost(post(message, profile)));
    // After the host stored it: a crash in between leaves the event unmarked, so LINE's
    // redelivery records it then (the host answers duplicate).
    recorder.record(message, clock.instant());
    return accepted == Ingest.Accepted.STORED ? Outcome.STORED : Outcome.DUPLICATE;
  }

  private Outcome unsend(JsonNode event) throws LineMessageReader.Unreadable {
    String messageId =
        LineMessageReader.id(LineJson.text(event.path("unsend"), "messageId"), "unsend.messageId");
    Optional<LineMessages.Row> known = messages.find(messageId);
    if (known.isEmpty() || !known.get().isCustomers()) {
      return Outcome.IGNORED; // never taken in: nothing on a ticket to mark
    }
    Ingest.Accepted accepted =
        ingest.accept(
            new InboundEvent.PostDeleted(
                new PostKey(NETWORK, messageId), LineMessageReader.time(event)));
    return accepted == Ingest.Accepted.STORED ? Outcome.STORED : Outcome.DUPLICATE;
  }

  private Outcome friendship(JsonNode event, boolean following)
      throws LineMessageReader.Unreadable {
    String userId =
        LineMessageReader.id(LineJson.text(event.path("source"), "userId"), "source.userId");
    Instant at = LineMessageReader.time(event);
    seen.friendship(userId, following, at);
    log.info("line: {} {} the account", userId, following ? "followed (or unblocked)" : "blocked");
    return Outcome.IGNORED;
  }

  private static SocialPost post(LineIncoming message, LineProfiles.Profile profile) {
    String userId =
        message.userId() != null ? message.userId() : "unknown-member@" + message.chatId();
    Author author = new Author(NETWORK, userId, userId, profile.displayName(), 0, false, 0, null);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("lineSource", message.sourceType());
    attributes.put("lineMessageType", message.contentKind());
    if (profile.language() != null) {
      attributes.put(LineLanguageEnricher.ATTRIBUTE, profile.language());
    }
    if (!message.selfMentions().isEmpty()) {
      attributes.put("lineSelfMentions", String.join(",", message.selfMentions()));
    }
    Visibility visibility = message.isOneToOne() ? Visibility.PRIVATE : Visibility.PUBLIC;
    return new SocialPost(
        new PostKey(NETWORK, message.messageId()),
        message.chatId(),
        message.quotedMessageId(),
        author,
        message.text(),
        message.postedAt(),
        visibility,
        null,
        Engagement.NONE,
        attributes);
  }
}
