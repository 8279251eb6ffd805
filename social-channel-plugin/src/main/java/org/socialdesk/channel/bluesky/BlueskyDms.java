package org.socialdesk.channel.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.json.ChannelJson;
import org.socialdesk.channel.oauth.TokenUnavailable;
import org.socialdesk.channel.storage.ChannelCursors;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * Direct messages through Bluesky's chat service, reached through the brand's PDS with the {@code
 * atproto-proxy} header ({@code chat-proxy}); the session must come from a privileged app password.
 *
 * <p>Intake: {@code chat.bsky.convo.getLog} from the cursor (the last log's rev); each customer
 * message ({@code #logCreateMessage}) becomes a private post {@code dm:<message id>} in the
 * conversation {@code dm:<convo id>}, one ticket per chat.
 *
 * <p>Sending: {@code getConvoForMembers} with the customer, then {@code sendMessage}. A chat
 * message has no idempotency key, so the attempt is recorded before sending; a later attempt of the
 * same reply first looks for the brand's message of the same text in the conversation since the
 * first attempt, and takes it as published rather than sending it twice.
 */
final class BlueskyDms {

  private static final Logger log = LoggerFactory.getLogger(BlueskyDms.class);

  static final String CREATE_MESSAGE = "chat.bsky.convo.defs#logCreateMessage";

  /** Messages read back when a send may have happened already. */
  static final int LOOK_BACK = 100;

  private final BlueskyConfig config;
  private final BlueskyXrpc xrpc;
  private final BlueskySession session;
  private final ChannelCursors cursors;
  private final ChannelJdbc jdbc;
  private final Ingest ingest;
  private final BlueskyStatus status;
  private final Clock clock;
  private final ReentrantLock oneAtATime = new ReentrantLock();
  private final Map<String, Author> members = new ConcurrentHashMap<>();

  BlueskyDms(
      BlueskyConfig config,
      BlueskyXrpc xrpc,
      BlueskySession session,
      ChannelCursors cursors,
      DataSource dataSource,
      Ingest ingest,
      BlueskyStatus status,
      Clock clock) {
    this.config = config;
    this.xrpc = xrpc;
    this.session = session;
    this.cursors = cursors;
    this.jdbc = new ChannelJdbc(dataSource);
    this.ingest = ingest;
    this.status = status;
    this.clock = clock;
  }

  static String cursorKey(BlueskyConfig config) {
    return "bluesky:chat-log:" + config.handle();
  }

  /** For the scheduler: logs instead of throwing. */
  void pollQuietly() {
    try {
      status.dmPolled(clock.instant(), poll());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | TokenUnavailable | RuntimeException e) {
      log.warn("bluesky: polling the chat log failed: {}", UntrustedText.forLog(e));
      status.dmPolled(clock.instant(), "failed: " + e.getMessage());
    }
  }

  /** Reads the chat log from the cursor; says how it went. */
  String poll() throws IOException, InterruptedException, TokenUnavailable {
    oneAtATime.lockInterruptibly();
    try {
      String brand = session.did();
      int taken = 0;
      for (int pages = 0; pages < BlueskyPoller.MAX_PAGES; pages++) {
        String cursor = cursors.read(cursorKey(config)).orElse(null);
        List<Map.Entry<String, String>> query = new ArrayList<>();
        if (cursor != null) {
          query.add(Map.entry("cursor", cursor));
        }
        BlueskyXrpc.Answer answer = xrpc.get("chat.bsky.convo.getLog", query, config.chatProxy());
        if (!answer.ok()) {
          return "getLog answered " + answer.problem();
        }
        JsonNode logs = answer.json().path("logs");
        for (JsonNode entry : logs) {
          if (!take(entry, brand)) {
            return "the host cannot store messages now; " + taken + " taken";
          }
          taken += CREATE_MESSAGE.equals(entry.path("$type").asText()) ? 1 : 0;
          String rev = entry.path("rev").asText("");
          if (!rev.isEmpty()) {
            cursors.write(cursorKey(config), rev);
          }
        }
        String next = answer.json().path("cursor").asText("");
        if (logs.isEmpty() || next.isEmpty() || next.equals(cursor)) {
          if (!next.isEmpty()) {
            cursors.write(cursorKey(config), next);
          }
          break;
        }
      }
      return taken + " log entries of messages read";
    } finally {
      oneAtATime.unlock();
    }
  }

  private boolean take(JsonNode entry, String brand)
      throws IOException, InterruptedException, TokenUnavailable {
    if (!CREATE_MESSAGE.equals(entry.path("$type").asText())) {
      return true;
    }
    JsonNode message = entry.path("message");
    String sender = message.path("sender").path("did").asText("");
    String convoId = entry.path("convoId").asText("");
    String id = message.path("id").asText("");
    if (sender.equals(brand)
        || sender.isEmpty()
        || convoId.isEmpty()
        || id.isEmpty()
        || !message.path("text").isTextual()) {
      return true; // the brand's own, or a deleted message's view: nothing for the inbox
    }
    Instant sentAt = ChannelJson.instant(message.path("sentAt").asText(null));
    try {
      ingest.accept(
          new InboundEvent.NewPost(
              new SocialPost(
                  new PostKey(BlueskyPostReader.NETWORK, BlueskyIds.DM_PREFIX + id),
                  BlueskyIds.DM_PREFIX + convoId,
                  null,
                  author(convoId, sender),
                  message.path("text").asText(),
                  sentAt != null ? sentAt : clock.instant(),
                  Visibility.PRIVATE,
                  null,
                  Engagement.NONE,
                  Map.of("convoId", convoId))));
      status.tookIn(clock.instant());
      return true;
    } catch (Ingest.IngestUnavailableException e) {
      return false;
    }
  }

  /** The sender's handle and name, from the conversation's members (read once per sender). */
  private Author author(String convoId, String did)
      throws IOException, InterruptedException, TokenUnavailable {
    Author known = members.get(did);
    if (known != null) {
      return known;
    }
    BlueskyXrpc.Answer answer =
        xrpc.get(
            "chat.bsky.convo.getConvo", List.of(Map.entry("convoId", convoId)), config.chatProxy());
    Author author = Author.of(BlueskyPostReader.NETWORK, did, did);
    if (answer.ok()) {
      for (JsonNode member : answer.json().path("convo").path("members")) {
        if (did.equals(member.path("did").asText())) {
          String handle = member.path("handle").asText(did);
          String name = member.path("displayName").asText("");
          author =
              new Author(
                  BlueskyPostReader.NETWORK,
                  did,
                  handle,
                  name.isBlank() ? handle : name,
                  0,
                  false,
                  0,
                  null);
        }
      }
    }
    members.put(did, author);
    return author;
  }

  /** Sends a private reply as a chat message to the customer. */
  PublishOutcome send(OutgoingReply reply)
      throws IOException, InterruptedException, TokenUnavailable {
    if (!config.dms()) {
      return new PublishOutcome.Rejected(
          "bluesky: direct messages are off ("
              + BlueskyConfig.KEY
              + ".dms); answer in public, or turn them on");
    }
    String customer = reply.recipient().accountId();
    BlueskyXrpc.Answer convo =
        xrpc.get(
            "chat.bsky.convo.getConvoForMembers",
            List.of(Map.entry("members", customer)),
            config.chatProxy());
    if (convo.status() == 429) {
      return new PublishOutcome.RetryLater(
          BlueskyRateLimit.retryAfter(convo, clock.instant()), "bluesky: chat rate limited");
    }
    if (!convo.ok()) {
      return convo.status() >= 500
          ? new PublishOutcome.RetryLater(
              BlueskyPublisher.RETRY, "bluesky: chat failed: " + convo.problem())
          : new PublishOutcome.Rejected(
              "bluesky: cannot open a chat with "
                  + customer
                  + ": "
                  + convo.problem()
                  + ("InvalidToken".equals(convo.errorName())
                      ? " (DMs need a privileged app password)"
                      : ""));
    }
    String convoId = convo.json().path("convo").path("id").asText("");
    Optional<Instant> firstSent = firstSent(reply.idempotencyKey());
    if (firstSent.isPresent()) {
      Optional<PublishOutcome> sent = alreadySent(convoId, reply.text(), firstSent.get());
      if (sent.isPresent()) {
        return sent.get();
      }
    } else {
      recordAttempt(reply.idempotencyKey(), convoId);
    }
    BlueskyXrpc.Answer answer =
        xrpc.post(
            "chat.bsky.convo.sendMessage",
            Map.of("convoId", convoId, "message", Map.of("text", reply.text())),
            config.chatProxy());
    if (answer.ok()) {
      return published(answer.json());
    }
    if (answer.status() == 429) {
      return new PublishOutcome.RetryLater(
          BlueskyRateLimit.retryAfter(answer, clock.instant()), "bluesky: chat rate limited");
    }
    if (answer.status() >= 500) {
      return new PublishOutcome.RetryLater(
          BlueskyPublisher.RETRY, "bluesky: chat failed: " + answer.problem());
    }
    return new PublishOutcome.Rejected("bluesky: sendMessage answered " + answer.problem());
  }

  private PublishOutcome published(JsonNode message) {
    Instant at = ChannelJson.instant(message.path("sentAt").asText(null));
    return new PublishOutcome.Published(
        BlueskyIds.DM_PREFIX + message.path("id").asText(),
        null,
        at != null ? at : clock.instant());
  }

  /** The brand's message of this text sent since the first attempt, if an attempt got through. */
  private Optional<PublishOutcome> alreadySent(String convoId, String text, Instant since)
      throws IOException, InterruptedException, TokenUnavailable {
    BlueskyXrpc.Answer answer =
        xrpc.get(
            "chat.bsky.convo.getMessages",
            List.of(Map.entry("convoId", convoId), Map.entry("limit", String.valueOf(LOOK_BACK))),
            config.chatProxy());
    if (!answer.ok()) {
      throw new IOException("getMessages answered " + answer.problem());
    }
    String brand = session.did();
    Instant from = since.minus(Duration.ofMinutes(1)); // clocks differ
    for (JsonNode message : answer.json().path("messages")) {
      Instant sentAt = ChannelJson.instant(message.path("sentAt").asText(null));
      if (brand.equals(message.path("sender").path("did").asText())
          && text.equals(message.path("text").asText(null))
          && sentAt != null
          && !sentAt.isBefore(from)) {
        log.info("bluesky: the message of an earlier attempt is in the chat; not sending it again");
        return Optional.of(published(message));
      }
    }
    return Optional.empty();
  }

  private Optional<Instant> firstSent(String key) {
    return jdbc.queryOne(
        "bluesky: read the attempt of " + key,
        "select first_sent_at from bluesky_dm_attempt where idempotency_key = ?",
        row -> ChannelJdbc.instant(row, "first_sent_at"),
        key);
  }

  private void recordAttempt(String key, String convoId) {
    // A failure here (ChannelStorageException) stops the sending: the publisher retries later.
    jdbc.insertIfAbsent(
        "bluesky: record the attempt of " + key,
        "insert into bluesky_dm_attempt (idempotency_key, convo_id, first_sent_at) values (?, ?, ?)",
        key,
        convoId,
        clock.instant());
  }
}
