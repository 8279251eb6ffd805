package org.socialdesk.host.replies;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.socialdesk.host.storage.Sql;

/**
 * Everything Socialdesk published under the brand's name, and every attempt that did not go out,
 * for admins: read from the outbox, which keeps each part with its agent, text and outcome.
 */
public final class PublicationLog {

  private final Sql sql;

  public PublicationLog(DataSource dataSource) {
    this.sql = new Sql(dataSource);
  }

  /** One post under the brand's name (or one that failed to become one). */
  public record Entry(
      String ticketId,
      String transactionId,
      int part,
      int parts,
      String network,
      String agent,
      String visibility,
      String text,
      String state,
      String remoteId,
      String remoteUrl,
      String error,
      Instant createdAt,
      Instant publishedAt) {}

  /** Newest first, created at or after {@code since}. */
  public List<Entry> since(Instant since, int limit) {
    return sql.query(
        "select * from outbox where created_at >= ? order by id desc limit ?",
        row ->
            new Entry(
                row.getString("ticket_id"),
                row.getString("transaction_id"),
                row.getInt("part_no"),
                row.getInt("part_count"),
                row.getString("network"),
                row.getString("agent"),
                row.getString("visibility").toLowerCase(java.util.Locale.ROOT),
                row.getString("text"),
                row.getString("state"),
                row.getString("remote_id"),
                row.getString("remote_url"),
                row.getString("last_error"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "published_at")),
        since,
        limit);
  }
}
