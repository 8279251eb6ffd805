package org.socialdesk.channel.sandbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * What the sandbox "network" received, in table {@code sandbox_published}: one row per idempotency
 * key, so publishing the same reply twice returns the first row, as Mastodon does with its
 * Idempotency-Key header. Remote ids are {@code sb-<row id>}.
 */
final class SandboxOutbox {

  private static final String COLUMNS =
      "remote_id, in_reply_to, conversation_id, recipient, visibility, text, published_at";

  private final ChannelJdbc jdbc;

  SandboxOutbox(DataSource dataSource) {
    this.jdbc = new ChannelJdbc(dataSource);
  }

  /** One published reply, as the outbox endpoint lists it. */
  record Entry(
      String remoteId,
      String inReplyTo,
      String conversationId,
      String recipient,
      Visibility visibility,
      String text,
      Instant publishedAt) {

    /** As {@code GET /api/channels/sandbox/outbox} lists it. */
    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("remoteId", remoteId);
      json.put("inReplyTo", inReplyTo);
      json.put("conversationId", conversationId);
      json.put("recipient", recipient);
      json.put("visibility", visibility.name().toLowerCase(Locale.ROOT));
      json.put("text", text);
      json.put("publishedAt", publishedAt.toString());
      return json;
    }
  }

  /** Records {@code reply} at {@code now}, or returns the row already recorded under its key. */
  Entry publishOnce(OutgoingReply reply, Instant now) {
    Optional<Entry> earlier = find(reply.idempotencyKey());
    if (earlier.isPresent()) {
      return earlier.get();
    }
    try {
      return insert(reply, now);
    } catch (ChannelStorageException e) {
      if (!e.isUniqueViolation()) {
        throw e;
      }
      // Another call recorded the same key between our look-up and our insert.
      return find(reply.idempotencyKey()).orElseThrow(() -> e);
    }
  }

  /** Newest first: at most {@code limit} entries published at or after {@code since} (if given). */
  List<Entry> newestFirst(Instant since, int limit) {
    String sql =
        "select "
            + COLUMNS
            + " from sandbox_published"
            + (since == null ? "" : " where published_at >= ?")
            + " order by published_at desc, id desc limit ?";
    Object[] parameters = since == null ? new Object[] {limit} : new Object[] {since, limit};
    return jdbc.queryList("sandbox: list the outbox", sql, SandboxOutbox::entry, parameters);
  }

  private Optional<Entry> find(String idempotencyKey) {
    return jdbc.queryOne(
        "sandbox: find the reply published under " + idempotencyKey,
        "select " + COLUMNS + " from sandbox_published where idempotency_key = ?",
        SandboxOutbox::entry,
        idempotencyKey);
  }

  /** Inserts the row, then names it after its generated id, in one transaction. */
  private Entry insert(OutgoingReply reply, Instant now) {
    String purpose = "sandbox: record the reply published under " + reply.idempotencyKey();
    try (ChannelJdbc.Transaction transaction = jdbc.begin(purpose)) {
      long id =
          transaction.insertReturningKey(
              purpose,
              "insert into sandbox_published (idempotency_key, "
                  + COLUMNS
                  + ") values (?, 'pending', ?, ?, ?, ?, ?, ?)",
              "id",
              reply.idempotencyKey(),
              reply.inReplyTo().postId(),
              reply.conversationId(),
              reply.recipient().handle(),
              reply.visibility().name().toLowerCase(Locale.ROOT),
              reply.text(),
              now);
      String remoteId = "sb-" + id;
      transaction.update(
          purpose, "update sandbox_published set remote_id = ? where id = ?", remoteId, id);
      transaction.commit();
      return new Entry(
          remoteId,
          reply.inReplyTo().postId(),
          reply.conversationId(),
          reply.recipient().handle(),
          reply.visibility(),
          reply.text(),
          now);
    }
  }

  private static Entry entry(ResultSet row) throws SQLException {
    return new Entry(
        row.getString("remote_id"),
        row.getString("in_reply_to"),
        row.getString("conversation_id"),
        row.getString("recipient"),
        Visibility.valueOf(row.getString("visibility").toUpperCase(Locale.ROOT)),
        row.getString("text"),
        ChannelJdbc.instant(row, "published_at"));
  }
}
