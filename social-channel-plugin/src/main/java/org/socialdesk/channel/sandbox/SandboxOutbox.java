package org.socialdesk.channel.sandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.social.Visibility;

/**
 * What the sandbox "network" received, in table {@code sandbox_published}: one row per idempotency
 * key, so publishing the same reply twice returns the first row, as Mastodon does with its
 * Idempotency-Key header. Remote ids are {@code sb-<row id>}.
 */
final class SandboxOutbox {

  /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String COLUMNS =
      "remote_id, in_reply_to, conversation_id, recipient, visibility, text, published_at";

  private final DataSource dataSource;

  SandboxOutbox(DataSource dataSource) {
    this.dataSource = dataSource;
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
  Entry publishOnce(OutgoingReply reply, Instant now) throws SQLException {
    Optional<Entry> earlier = find(reply.idempotencyKey());
    if (earlier.isPresent()) {
      return earlier.get();
    }
    try {
      return insert(reply, now);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // Another call recorded the same key between our look-up and our insert.
      return find(reply.idempotencyKey()).orElseThrow(() -> e);
    }
  }

  /** Newest first: at most {@code limit} entries published at or after {@code since} (if given). */
  List<Entry> newestFirst(Instant since, int limit) throws SQLException {
    String sql =
        "select " + COLUMNS + " from sandbox_published"
            + (since == null ? "" : " where published_at >= ?")
            + " order by published_at desc, id desc limit ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      int parameter = 1;
      if (since != null) {
        select.setObject(parameter++, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
      }
      select.setInt(parameter, limit);
      List<Entry> entries = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(entry(rows));
        }
      }
      return entries;
    }
  }

  private Optional<Entry> find(String idempotencyKey) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("select " + COLUMNS + " from sandbox_published where idempotency_key = ?")) {
      select.setString(1, idempotencyKey);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(entry(rows)) : Optional.empty();
      }
    }
  }

  /** Inserts the row, then names it after its generated id, in one transaction. */
  private Entry insert(OutgoingReply reply, Instant now) throws SQLException {
    String insertSql =
        "insert into sandbox_published (idempotency_key, " + COLUMNS + ") values (?, 'pending', ?, ?, ?, ?, ?, ?)";
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(insertSql, Statement.RETURN_GENERATED_KEYS);
          PreparedStatement name =
              connection.prepareStatement("update sandbox_published set remote_id = ? where id = ?")) {
        insert.setString(1, reply.idempotencyKey());
        insert.setString(2, reply.inReplyTo().postId());
        insert.setString(3, reply.conversationId());
        insert.setString(4, reply.recipient().handle());
        insert.setString(5, reply.visibility().name().toLowerCase(Locale.ROOT));
        insert.setString(6, reply.text());
        insert.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        insert.executeUpdate();
        long id;
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong("id");
        }
        String remoteId = "sb-" + id;
        name.setString(1, remoteId);
        name.setLong(2, id);
        name.executeUpdate();
        connection.commit();
        return new Entry(
            remoteId, reply.inReplyTo().postId(), reply.conversationId(), reply.recipient().handle(),
            reply.visibility(), reply.text(), now);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
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
        row.getObject("published_at", OffsetDateTime.class).toInstant());
  }
}
