package org.socialdesk.bench.sla;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.socialdesk.sla.common.SlaJdbc;

/**
 * Bulk seeding of {@code sla_clock}: JDBC batches of 1,000 rows, a commit every 50,000 (on
 * PostgreSQL the driver rewrites each batch into multi-row INSERTs). Nothing goes through the
 * pipeline or RT: the benchmarks measure the tick and the report, not how the rows got there.
 */
final class BenchClocks {

  static final String[] CHANNELS = {"x", "mastodon", "sandbox", "facebook", "instagram"};
  static final String[] LANGUAGES = {"en", "th", "fa", "es", "de", "fr"};
  static final String[] SENTIMENTS = {"negative", "neutral", "positive"};
  static final String[] INFLUENCE = {"low", "medium", "high", "vip"};

  /** One row as the plugin would have stored it. */
  record Clock(
      String ticketId,
      String target,
      String policy,
      Instant startedAt,
      Instant dueAt,
      Instant warningAt,
      Instant nextCheckAt,
      String state,
      Instant endedAt,
      String ending,
      String agent,
      Long tookSeconds,
      int dimension) {}

  private static final String INSERT =
      "INSERT INTO sla_clock (helpdesk, ticket_id, target, policy, started_at, due_at,"
          + " warning_at, next_check_at, state, ended_at, ending, agent, took_seconds, initial_priority, channel, language,"
          + " sentiment, influence, intent, queue, visibility, started_day, started_week)"
          + " VALUES ('rt', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 'question', NULL, ?, ?, ?)";

  private BenchClocks() {}

  /** Inserts {@code count} rows made by {@code row} from 0 up; returns the milliseconds it took. */
  static long insert(DataSource dataSource, long count, LongFunction<Clock> row)
      throws SQLException {
    long start = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        for (long i = 0; i < count; i++) {
          bind(insert, row.apply(i));
          insert.addBatch();
          if ((i + 1) % 1_000 == 0) {
            insert.executeBatch();
          }
          if ((i + 1) % 50_000 == 0) {
            connection.commit();
          }
        }
        insert.executeBatch();
        connection.commit();
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void bind(PreparedStatement insert, Clock clock) throws SQLException {
    int d = clock.dimension();
    var day = clock.startedAt().atOffset(ZoneOffset.UTC);
    int i = 1;
    insert.setString(i++, clock.ticketId());
    insert.setString(i++, clock.target());
    insert.setString(i++, clock.policy());
    for (Instant instant :
        new Instant[] {clock.startedAt(), clock.dueAt(), clock.warningAt(), clock.nextCheckAt()}) {
      SlaJdbc.setInstant(insert, i++, instant);
    }
    insert.setString(i++, clock.state());
    SlaJdbc.setInstant(
        insert, i++, clock.endedAt()); // a typed null: PostgreSQL refuses a varchar one
    insert.setString(i++, clock.ending());
    insert.setString(i++, clock.agent());
    if (clock.tookSeconds() == null) {
      insert.setNull(i++, Types.BIGINT);
    } else {
      insert.setLong(i++, clock.tookSeconds());
    }
    insert.setString(i++, CHANNELS[d % CHANNELS.length]);
    insert.setString(i++, LANGUAGES[(d / 5) % LANGUAGES.length]);
    insert.setString(i++, SENTIMENTS[(d / 30) % SENTIMENTS.length]);
    insert.setString(i++, INFLUENCE[(d / 90) % INFLUENCE.length]);
    insert.setString(i++, d % 7 == 0 ? "private" : "public");
    insert.setString(i++, day.toLocalDate().toString());
    insert.setString(
        i,
        String.format(
            Locale.ROOT,
            "%d-W%02d",
            day.get(IsoFields.WEEK_BASED_YEAR),
            day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
  }
}
