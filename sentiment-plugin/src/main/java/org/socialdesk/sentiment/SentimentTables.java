package org.socialdesk.sentiment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.sentiment.influence.AuthorHistory;
import org.socialdesk.sentiment.language.LanguageDetector;
import org.socialdesk.sentiment.model.Label;
import org.socialdesk.sentiment.model.LabelledText;
import org.socialdesk.sentiment.model.SentimentModel;

/**
 * The sentiment plugin's own tables: the VIP list, authors' history with the brand, each social
 * ticket's first post, the brand's labelled texts, and brand models.
 */
final class SentimentTables {

  private final DataSource dataSource;

  SentimentTables(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  AuthorHistory history(String network, String accountId, String handle) {
    String vip =
        one(
                "select reason from sentiment_vip where network = ? and lower(handle) = ?",
                row -> row.getString(1),
                network,
                handle.toLowerCase(Locale.ROOT))
            .orElse(null);
    return one(
            "select conversations, negative_conversations from sentiment_author where network = ? and account_id = ?",
            row -> new AuthorHistory(row.getInt(1), row.getInt(2), vip),
            network,
            accountId)
        .orElse(new AuthorHistory(0, 0, vip));
  }

  void countConversation(String network, String accountId, boolean negative, Instant now) {
    int negatives = negative ? 1 : 0;
    if (update(
            "update sentiment_author set conversations = conversations + 1, negative_conversations = negative_conversations + ?,"
                + " updated_at = ? where network = ? and account_id = ?",
            negatives,
            now,
            network,
            accountId)
        == 0) {
      insertIgnoringDuplicate(
          "insert into sentiment_author (network, account_id, conversations, negative_conversations, updated_at)"
              + " values (?, ?, 1, ?, ?)",
          network,
          accountId,
          negatives,
          now);
    }
  }

  void addVip(String network, String handle, String reason, Instant now) {
    String lower = handle.toLowerCase(Locale.ROOT).replaceFirst("^@", "");
    update("delete from sentiment_vip where network = ? and handle = ?", network, lower);
    update(
        "insert into sentiment_vip (network, handle, reason, added_at) values (?, ?, ?, ?)",
        network,
        lower,
        reason,
        now);
  }

  boolean removeVip(String network, String handle) {
    return update(
            "delete from sentiment_vip where network = ? and handle = ?",
            network,
            handle.toLowerCase(Locale.ROOT).replaceFirst("^@", ""))
        > 0;
  }

  List<String> vips() {
    return many(
        "select network, handle, reason from sentiment_vip order by network, handle",
        row -> row.getString(1) + "\t@" + row.getString(2) + "\t" + row.getString(3));
  }

  /** Keeps a social ticket's first post; false if it was kept already (the event came again). */
  boolean rememberTicket(
      String helpdesk, String ticketId, String text, String label, String language, Instant now) {
    return insertIgnoringDuplicate(
        "insert into sentiment_ticket (helpdesk, ticket_id, text, label, language, recorded_at) values (?, ?, ?, ?, ?, ?)",
        helpdesk,
        ticketId,
        text.length() > 8000 ? text.substring(0, 8000) : text,
        label,
        language,
        now);
  }

  Optional<String> ticketText(String helpdesk, String ticketId) {
    return one(
        "select text from sentiment_ticket where helpdesk = ? and ticket_id = ?",
        row -> row.getString(1),
        helpdesk,
        ticketId);
  }

  /**
   * An agent's label for a social ticket's first post, kept once per ticket (the latest wins);
   * false if the ticket's text is not known here (not a social ticket, or from before the plugin).
   */
  boolean correctTicket(String helpdesk, String ticketId, Label label, String source, Instant now) {
    Optional<String> text = ticketText(helpdesk, ticketId);
    if (text.isEmpty()) {
      return false;
    }
    String name = label.name().toLowerCase(Locale.ROOT);
    if (update(
            "update sentiment_label set label = ?, source = ?, added_at = ? where helpdesk = ? and ticket_id = ?",
            name,
            source,
            now,
            helpdesk,
            ticketId)
        == 0) {
      insertIgnoringDuplicate(
          "insert into sentiment_label (label, text, source, added_at, helpdesk, ticket_id) values (?, ?, ?, ?, ?, ?)",
          name,
          text.get(),
          source,
          now,
          helpdesk,
          ticketId);
    }
    return true;
  }

  void addLabel(Label label, String text, String source, Instant now) {
    update(
        "insert into sentiment_label (label, text, source, added_at) values (?, ?, ?, ?)",
        label.name().toLowerCase(Locale.ROOT),
        text.length() > 8000 ? text.substring(0, 8000) : text,
        source,
        now);
  }

  List<LabelledText> labels() {
    return many(
        "select label, text from sentiment_label order by id",
        row -> new LabelledText(Label.parse(row.getString(1)), row.getString(2)));
  }

  void saveModel(SentimentModel model, String description, Instant now) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      model.save(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Base64 text: one column type that H2 (in PostgreSQL mode) and PostgreSQL both accept.
    update(
        "insert into sentiment_model (description, model_base64, created_at) values (?, ?, ?)",
        description,
        java.util.Base64.getEncoder().encodeToString(bytes.toByteArray()),
        now);
  }

  /** The newest brand model, if one was trained. */
  Optional<SentimentModel> latestModel(LanguageDetector languages) {
    return one(
        "select model_base64 from sentiment_model order by id desc limit 1",
        row -> {
          try {
            return SentimentModel.load(
                new ByteArrayInputStream(java.util.Base64.getDecoder().decode(row.getString(1))),
                languages);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @FunctionalInterface
  private interface Row<T> {
    T map(ResultSet row) throws SQLException;
  }

  private <T> Optional<T> one(String sql, Row<T> mapper, Object... parameters) {
    return many(sql, mapper, parameters).stream().findFirst();
  }

  private <T> List<T> many(String sql, Row<T> mapper, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("sentiment tables: " + e.getMessage(), e);
    }
  }

  private int update(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("sentiment tables: " + e.getMessage(), e);
    }
  }

  /** Whether the row was inserted (false: a row with the same key is there). */
  private boolean insertIgnoringDuplicate(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      statement.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw new IllegalStateException("sentiment tables: " + e.getMessage(), e);
      }
      return false;
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      Object value =
          parameters[i] instanceof Instant instant ? Timestamp.from(instant) : parameters[i];
      statement.setObject(i + 1, value);
    }
    return statement;
  }
}
