package org.socialdesk.sla.clock;

import static org.socialdesk.sla.SlaConfigs.businessHours;
import static org.socialdesk.sla.SlaConfigs.calendars;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;
import static org.socialdesk.sla.SlaConfigs.sentiment;
import static org.socialdesk.sla.SlaConfigs.weekdays;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.SocialdeskEvent.PostChanged;
import org.socialdesk.api.event.SocialdeskEvent.TicketStatusChanged;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.SlaEvents;
import org.socialdesk.sla.TestingDatabase;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.config.SlaEscalationConfig;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.sla.report.SlaReport;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.SettableClock;

/**
 * Random sequences of the host's events and ticks through the plugin's real writers, from a fixed
 * seed, around UTC midnights, and the report as it was before the rollup: every clock read and
 * counted in Java, the oracle the rollup's reports must equal.
 */
final class SlaRollupScenario {

  static final Instant START = Instant.parse("2026-03-08T21:00:00Z"); // a Sunday evening, UTC

  private static final String[] NETWORKS = {"x", "mastodon", "sandbox"};
  private static final String[] AGENTS = {"alice", "bob", "carol"};
  private static final String[] LANGUAGES = {"en", "th", null};
  private static final String[] QUEUES = {null, "vip", ""};

  final SlaJdbc jdbc;
  final SlaPolicies policies =
      config(
              calendars("office", businessHours("Europe/Berlin", weekdays("09:00-17:00"))),
              rule("fast", sentiment("negative"), "24x7", "15m", "30m", "4h"),
              rule("default", null, "office", "1h", "2h", "1d"))
          .slaPolicies();
  final SettableClock clock = new SettableClock(START);
  private final SlaClockEvents events;
  private final SlaTicker ticker;
  private final Random random;
  private final List<String> tickets = new ArrayList<>();
  private final Map<String, List<String>> posts = new HashMap<>();
  private final Map<String, String> networks = new HashMap<>();
  private final String prefix;
  private int nextPost;

  SlaRollupScenario(DataSource dataSource, long seed, String prefix) {
    this.jdbc = new SlaJdbc(dataSource);
    this.events = new SlaClockEvents(jdbc, policies);
    this.ticker =
        new SlaTicker(
            jdbc, policies, SlaEscalationConfig.DEFAULTS, false, new ImmediateEventBus(), clock);
    this.random = new Random(seed);
    this.prefix = prefix;
  }

  /** {@code steps} random events, time moving on by up to 40 minutes between them. */
  void run(int steps) {
    for (int i = 0; i < steps; i++) {
      clock.advance(Duration.ofSeconds(random.nextInt(2_400)));
      step();
    }
  }

  private void step() {
    Instant now = clock.instant();
    int what = random.nextInt(100);
    if (tickets.isEmpty() || what < 30) {
      newTicket(now);
    } else if (what < 42) {
      String ticket = any(tickets);
      String post = post();
      posts.get(ticket).add(post);
      networks.put(post, "x");
      events.onPostRouted(
          SlaEvents.routed(
              SlaEvents.ticket(ticket),
              SlaEvents.post("x", post, now.minusSeconds(random.nextInt(600)), Visibility.PUBLIC),
              Enrichment.NONE,
              false));
    } else if (what < 70) {
      String ticket = any(tickets);
      events.onReplyPublished(
          SlaEvents.reply(ticket, posts.get(ticket).getFirst(), any(AGENTS), now));
    } else if (what < 78) {
      String ticket = any(tickets);
      String post = any(posts.get(ticket));
      events.onPostChanged(
          new PostChanged(
              new PostKey(networks.get(post), post), SlaEvents.ticket(ticket), true, now));
    } else if (what < 84) {
      events.onTicketStatusChanged(
          new TicketStatusChanged(
              SlaEvents.ticket(any(tickets)), "open", "resolved", true, any(AGENTS), now));
    } else {
      ticker.tick();
    }
  }

  private void newTicket(Instant now) {
    String ticket = prefix + tickets.size();
    String network = any(NETWORKS);
    String post = post();
    networks.put(post, network);
    tickets.add(ticket);
    posts.put(ticket, new ArrayList<>(List.of(post)));
    Sentiment.Label label =
        random.nextInt(4) == 0 ? null : Sentiment.Label.values()[random.nextInt(3)];
    Influence.Tier tier =
        random.nextInt(3) == 0 ? null : Influence.Tier.values()[random.nextInt(4)];
    Enrichment enrichment =
        SlaEvents.enrichment(any(LANGUAGES), label, tier, null, null, any(QUEUES));
    events.onPostRouted(
        SlaEvents.routed(
            SlaEvents.ticket(ticket),
            SlaEvents.post(network, post, now.minusSeconds(random.nextInt(900)), Visibility.PUBLIC),
            enrichment,
            true));
  }

  private String post() {
    return prefix + "p" + nextPost++;
  }

  private <T> T any(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T any(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** The report as defined: every clock started in [from, to) read and counted in Java. */
  static SlaReport.Result oracle(SlaJdbc jdbc, Instant from, Instant to, String groupBy) {
    String column = SlaReport.GROUP_COLUMNS.get(groupBy);
    Map<String, long[]> counts = new HashMap<>();
    Map<String, List<Long>> took = new HashMap<>();
    jdbc.inTransaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + column
                      + " AS k, target, state, ending, took_seconds FROM sla_clock WHERE started_at >= ? AND started_at < ?")) {
            try (ResultSet rows = SlaJdbc.bind(select, from, to).executeQuery()) {
              while (rows.next()) {
                count(
                    rows,
                    counts.computeIfAbsent(rows.getString("k"), k -> new long[4]),
                    took.computeIfAbsent(rows.getString("k"), k -> new ArrayList<>()));
              }
            }
          }
          return null;
        });
    List<SlaReport.Row> groups = new ArrayList<>();
    long[] total = new long[4];
    List<Long> allTook = new ArrayList<>();
    counts.forEach(
        (key, c) -> {
          groups.add(row(key, c, took.get(key)));
          for (int i = 0; i < 4; i++) {
            total[i] += c[i];
          }
          allTook.addAll(took.get(key));
        });
    groups.sort(
        Comparator.comparing(SlaReport.Row::key, Comparator.nullsLast(Comparator.naturalOrder())));
    return new SlaReport.Result(groups, row(null, total, allTook));
  }

  private static void count(ResultSet rows, long[] c, List<Long> took) throws SQLException {
    String target = rows.getString("target");
    boolean first = target.equals("first-response");
    boolean answered = "answered".equals(rows.getString("ending"));
    c[0] += first || target.equals("next-response") ? 1 : 0;
    c[1] += first && !rows.getString("state").equals("cancelled") ? 1 : 0;
    c[2] += first && answered ? 1 : 0;
    c[3] += rows.getString("state").equals("breached") ? 1 : 0;
    long seconds = rows.getLong("took_seconds");
    if (first && answered && !rows.wasNull()) {
      took.add(seconds);
    }
  }

  private static SlaReport.Row row(String key, long[] c, List<Long> took) {
    return new SlaReport.Row(
        key, c[0], c[1], c[2], took.isEmpty() ? null : SlaReport.Durations.of(took), c[3]);
  }

  /** Every rollup row whose counters are not all zero, as text, sorted: to compare two rollups. */
  /**
   * Runs a scenario, then empties the rollup as an installation that has clocks but no rollup yet
   * (build changeset not run), upgrades, and checks the changeset built the rollup the writers
   * kept.
   */
  static void assertUpgradeBuildsTheRollupTheWritersKeep(DataSource dataSource, long seed)
      throws Exception {
    new SlaRollupScenario(dataSource, seed, "t").run(200);
    List<String> kept;
    try (Connection connection = dataSource.getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      kept = rollupRows(connection);
      statement.execute("DELETE FROM sla_rollup");
      statement.execute("DELETE FROM sla_rollup_bucket");
      statement.execute("DELETE FROM sla_rollup_took");
      statement.execute("DELETE FROM databasechangelog WHERE id = 'sla-4-rollup-build'");
    }
    org.socialdesk.testkit.TestingDatabase.migrate(dataSource, TestingDatabase.CHANGELOG);

    try (Connection connection = dataSource.getConnection()) {
      org.assertj.core.api.Assertions.assertThat(kept).hasSizeGreaterThan(100);
      org.assertj.core.api.Assertions.assertThat(rollupRows(connection)).isEqualTo(kept);
    }
  }

  static List<String> rollupRows(Connection connection) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String sql :
        List.of(
            "SELECT 'count', dim, started_day, val, clocks, posts, conversations, replied, breaches, took_sum"
                + " FROM sla_rollup WHERE clocks <> 0 OR posts <> 0 OR conversations <> 0 OR replied <> 0"
                + " OR breaches <> 0 OR took_sum <> 0",
            "SELECT 'bucket', dim, started_day, val, bucket, n FROM sla_rollup_bucket WHERE n <> 0",
            "SELECT 'took', dim, started_day, val, bucket, took, n FROM sla_rollup_took WHERE n <> 0")) {
      try (PreparedStatement select = connection.prepareStatement(sql);
          ResultSet rows = select.executeQuery()) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          StringBuilder line = new StringBuilder();
          for (int i = 1; i <= columns; i++) {
            line.append(rows.getString(i)).append('|');
          }
          out.add(line.toString());
        }
      }
    }
    out.sort(null);
    return out;
  }
}
