package org.socialdesk.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.UntrustedText;

/**
 * Takes one update in, for the poller and the webhook alike: an update already taken in (same
 * {@code update_id}) is skipped; otherwise what it means is handed to the host and stored, and only
 * then is the update recorded. The caller confirms it to Telegram (offset, or the webhook's 200)
 * only after this returns.
 */
final class TelegramIntake {

  private static final Logger log = LoggerFactory.getLogger(TelegramIntake.class);

  /** What became of an update. */
  enum Taken {
    /** Handed to the host, which stored it (or already had its post). */
    STORED,
    /** The same update_id was taken in before. */
    DUPLICATE,
    /** It does not concern the brand. */
    IGNORED,
    /** It cannot be read; it is in the host's quarantine. */
    QUARANTINED
  }

  private final TelegramReader reader;
  private final TelegramStore store;
  private final Ingest ingest;

  TelegramIntake(TelegramReader reader, TelegramStore store, Ingest ingest) {
    this.reader = reader;
    this.store = store;
    this.ingest = ingest;
  }

  /**
   * @throws Ingest.IngestUnavailableException when the host cannot store it (do not confirm)
   * @throws TelegramUnavailable when the bot's identity, needed to read it, cannot be learnt (do
   *     not confirm)
   */
  Taken take(JsonNode update) throws TelegramUnavailable {
    JsonNode id = update.get("update_id");
    if (id != null && id.isIntegralNumber() && store.seen(id.asLong())) {
      return Taken.DUPLICATE;
    }
    TelegramInbound inbound = read(update);
    Taken taken = hand(inbound);
    if (inbound.updateId() >= 0) {
      store.record(inbound.updateId());
    }
    return taken;
  }

  /** Keeps what a delivery carried that is not even an update (malformed JSON) for an admin. */
  void quarantine(String payload, String reason) {
    ingest.quarantine(TelegramReader.NETWORK, payload, reason);
  }

  private TelegramInbound read(JsonNode update) throws TelegramUnavailable {
    try {
      return reader.read(update);
    } catch (TelegramUnavailable.Unchecked e) {
      throw e.getCause();
    }
  }

  private Taken hand(TelegramInbound inbound) {
    return switch (inbound) {
      case TelegramInbound.Post post -> {
        rememberConnection(post.post().conversationId(), post.businessConnectionId());
        ingest.accept(new InboundEvent.NewPost(post.post()));
        yield Taken.STORED;
      }
      case TelegramInbound.Edit edit -> {
        rememberConnection(edit.latest().conversationId(), edit.businessConnectionId());
        if (ingest.accept(new InboundEvent.NewPost(edit.latest())) == Ingest.Accepted.DUPLICATE) {
          ingest.accept(edit.edit());
        }
        yield Taken.STORED;
      }
      case TelegramInbound.Ignored ignored -> {
        log.debug("telegram: update {} ignored: {}", ignored.updateId(), ignored.why());
        yield Taken.IGNORED;
      }
      case TelegramInbound.Unreadable unreadable -> {
        log.warn(
            "telegram: quarantining update {}, which Socialdesk cannot read: {}",
            unreadable.updateId(),
            UntrustedText.forLog(unreadable.reason()));
        ingest.quarantine(TelegramReader.NETWORK, unreadable.payload(), unreadable.reason());
        yield Taken.QUARANTINED;
      }
    };
  }

  /** Business chats are answered through their connection, so it is stored before the post is. */
  private void rememberConnection(String conversationId, String connectionId) {
    if (connectionId != null && conversationId.startsWith("b")) {
      store.rememberBusinessChat(conversationId.substring(1), connectionId);
    }
  }
}
