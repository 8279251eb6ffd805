package org.socialdesk.host.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.host.storage.Sql;

/**
 * What networks sent that the host cannot process (table {@code inbox_quarantine}): kept with the
 * reason, so that the network can be told it was received (it stops sending it again) and an admin
 * sees it in {@code /api/admin/pipeline}. Nothing processes it further.
 */
public final class Quarantine {

  /** How much of a payload the admin's overview shows. */
  static final int PAYLOAD_EXCERPT = 1000;

  private static final int MAX_NETWORK = 200;
  private static final int MAX_REASON = 2000;
  private static final String INSERT =
      "insert into inbox_quarantine (network, reason, payload, received_at) values (?, ?, ?, ?)";

  private final Sql sql;

  Quarantine(Sql sql) {
    this.sql = sql;
  }

  /**
   * One quarantined payload; {@code payload} is cut to {@link #PAYLOAD_EXCERPT} characters in
   * overviews.
   */
  public record Entry(long id, String network, String reason, String payload, Instant receivedAt) {}

  /** How many payloads are in quarantine, and the newest ones, for the admin's overview. */
  public record Summary(long count, List<Entry> latest) {}

  long count() {
    return sql.queryOne("select count(*) from inbox_quarantine", row -> row.getLong(1)).orElse(0L);
  }

  /** The newest {@code limit} entries, newest first, payloads whole. */
  List<Entry> latest(int limit) {
    return sql.query(
        "select id, network, reason, payload, received_at from inbox_quarantine order by id desc limit "
            + limit,
        row ->
            new Entry(
                row.getLong(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                Sql.instant(row, "received_at")));
  }

  Summary summary(int limit) {
    long count = count();
    if (count == 0) {
      // The usual case, and admins' status pages ask often: no second query for nothing.
      return new Summary(0, List.of());
    }
    List<Entry> latest =
        latest(limit).stream()
            .map(
                e ->
                    new Entry(
                        e.id(), e.network(), e.reason(), excerpt(e.payload()), e.receivedAt()))
            .toList();
    return new Summary(count, latest);
  }

  /**
   * Stores one payload within the caller's transaction. Control characters of the payload are
   * escaped (<code>&#92;u0000</code>), so it is kept as received yet fits any database; the reason
   * is cleaned and cut to its column.
   */
  static void insert(
      Connection connection, String network, String payload, String reason, Instant now)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, cut(UntrustedText.clean(network), MAX_NETWORK));
      insert.setString(2, cut(UntrustedText.clean(reason), MAX_REASON));
      insert.setString(3, escapeControls(payload));
      insert.setTimestamp(4, Timestamp.from(now));
      insert.executeUpdate();
    }
  }

  /**
   * C0 controls other than tab, line feed and carriage return, and DEL, as <code>&#92;uXXXX</code>.
   */
  static String escapeControls(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.chars()
        .forEach(
            c -> {
              if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.toString();
  }

  private static String excerpt(String payload) {
    return payload.length() <= PAYLOAD_EXCERPT
        ? payload
        : payload.substring(0, PAYLOAD_EXCERPT) + "...";
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
