package org.socialdesk.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * Instagram follower counts, where Graph gives them: {@code business_discovery} on the brand's own
 * account ({@code GET /{ig-user}?fields=business_discovery.username(NAME){followers_count}})
 * answers for professional (business and creator) accounts only; for a personal account Graph
 * answers that it cannot find the user, and Socialdesk then knows no count (0, meaning unknown, as
 * everywhere else). Facebook users and Instagram DM senders (IGSIDs) have no count Socialdesk can
 * read.
 *
 * <p>Nothing on the acknowledgement path waits for Graph: a comment's author is looked up in memory
 * ({@link #followers}); a name not known yet is queued and read by {@link #fetchQueued}, in the
 * background and by the webhook queue's worker before it stores the comments it read (so an
 * author's first comment already carries the count). These calls count against the account's rate
 * limit, which replies need too: at most {@link #PER_ROUND} a {@link #ROUND}, and none for the rest
 * of the round after a throttled or failed call. Answers are kept in {@code meta_ig_profile} for
 * {@link #FRESH}.
 */
final class MetaInstagramProfiles {

  static final Duration FRESH = Duration.ofDays(7);
  static final int PER_ROUND = 20;
  static final Duration ROUND = Duration.ofMinutes(1);

  /** Instagram's usernames; nothing else is ever put into a fields expression. */
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._]{1,30}");

  /** Graph's "cannot find the user" for business_discovery of a personal (or unknown) account. */
  private static final Set<Integer> NOT_PROFESSIONAL = Set.of(100, 110);

  private static final Logger log = LoggerFactory.getLogger(MetaInstagramProfiles.class);

  private record Known(OptionalLong followers, Instant fetchedAt) {}

  private final MetaGraph graph;
  private final String account;
  private final ChannelJdbc jdbc;
  private final Clock clock;
  private final Map<String, Known> known = new ConcurrentHashMap<>();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private Instant roundStart = Instant.MIN;
  private int calledThisRound;

  MetaInstagramProfiles(MetaGraph graph, String account, DataSource dataSource, Clock clock) {
    this.graph = graph;
    this.account = account;
    this.jdbc = new ChannelJdbc(dataSource);
    this.clock = clock;
  }

  /** Reads what earlier runs learned (the fresh answers), so a restart asks nothing again. */
  void load() {
    jdbc.queryList(
            "meta: read Instagram profiles",
            "select username, followers_count, fetched_at from meta_ig_profile where fetched_at >= ?",
            row -> {
              long count = row.getLong(2);
              OptionalLong followers =
                  row.wasNull() ? OptionalLong.empty() : OptionalLong.of(count);
              return Map.entry(
                  row.getString(1), new Known(followers, ChannelJdbc.instant(row, "fetched_at")));
            },
            clock.instant().minus(FRESH))
        .forEach(entry -> known.put(entry.getKey(), entry.getValue()));
  }

  /**
   * The author's follower count when Graph gave one; else 0 (unknown), and the name is queued for
   * the next round. Never calls Graph.
   */
  long followers(String username) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      return 0;
    }
    Known answer = known.get(username);
    if (answer == null || answer.fetchedAt().isBefore(clock.instant().minus(FRESH))) {
      queued.add(username);
    }
    return answer == null ? 0 : answer.followers().orElse(0);
  }

  /**
   * Asks Graph for queued names, as many as this round's calls allow; returns how many counts (or
   * their absence) it learned. A throttled or failed call ends the round's calls.
   */
  synchronized int fetchQueued() {
    Instant now = clock.instant();
    if (!now.isBefore(roundStart.plus(ROUND))) {
      roundStart = now;
      calledThisRound = 0;
    }
    int learned = 0;
    for (String username : List.copyOf(queued)) {
      if (calledThisRound >= PER_ROUND) {
        break;
      }
      calledThisRound++;
      if (!learn(username)) {
        calledThisRound = PER_ROUND; // Graph says wait, or failed: no more calls this round
        break;
      }
      learned++;
    }
    return learned;
  }

  /** Asks Graph for one name; false when it must be asked again later. */
  private boolean learn(String username) {
    try {
      remember(username, fetch(username));
    } catch (MetaGraphException e) {
      if (e.kind() != MetaGraphException.Kind.REJECTED || !NOT_PROFESSIONAL.contains(e.code())) {
        log.info("meta: Instagram follower counts wait ({})", e.getMessage());
        return false; // throttled, token or permission: a later round tries again
      }
      remember(username, OptionalLong.empty());
    } catch (IOException e) {
      log.info("meta: Instagram follower counts wait ({})", e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (RuntimeException e) {
      log.warn("meta: reading the Instagram profile of {} failed", username, e);
      return false;
    }
    queued.remove(username);
    return true;
  }

  private OptionalLong fetch(String username)
      throws MetaGraphException, IOException, InterruptedException {
    JsonNode answer =
        graph.get(
            account,
            "/" + account,
            Map.of(
                "fields",
                "business_discovery.username(" + username + "){followers_count,username}"));
    long count = MetaJson.number(answer.path("business_discovery"), "followers_count");
    return count < 0 ? OptionalLong.empty() : OptionalLong.of(count);
  }

  private void remember(String username, OptionalLong followers) {
    Instant now = clock.instant();
    known.put(username, new Known(followers, now));
    Object count = followers.isPresent() ? (Object) followers.getAsLong() : null;
    if (jdbc.update(
            "meta: keep the Instagram profile of " + username,
            "update meta_ig_profile set followers_count = ?, professional = ?, fetched_at = ? where username = ?",
            count,
            followers.isPresent(),
            now,
            username)
        == 0) {
      jdbc.insertIfAbsent(
          "meta: keep the Instagram profile of " + username,
          "insert into meta_ig_profile (username, followers_count, professional, fetched_at) values (?, ?, ?, ?)",
          username,
          count,
          followers.isPresent(),
          now);
    }
  }
}
