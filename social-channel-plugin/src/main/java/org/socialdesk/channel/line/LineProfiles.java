package org.socialdesk.channel.line;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelJdbc;

/**
 * Customers' display names and languages, from LINE's profile API: {@code GET
 * /v2/bot/profile/{userId}} for a 1:1 chat (name and language), the group or room member profile
 * for a group (name only). Kept in {@code line_profile} for {@code profile-cache-ttl}, so that a
 * chatty customer costs one call a day. LINE has no follower counts and no verification: the
 * ticket's influence comes from the VIP list only. When LINE does not answer within a few seconds
 * the message is stored anyway, under the last known name or the user id.
 */
final class LineProfiles {

  private static final Logger log = LoggerFactory.getLogger(LineProfiles.class);
  private static final Duration BUDGET = Duration.ofSeconds(3);

  private final LineApi api;
  private final ChannelJdbc jdbc;
  private final Duration ttl;
  private final Clock clock;

  /**
   * The profiles read lately, in front of the table: a chatty customer costs no query per message.
   */
  private final Map<String, Cached> recent =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
              return size() > 10_000;
            }
          });

  LineProfiles(LineApi api, DataSource dataSource, Duration ttl, Clock clock) {
    this.api = api;
    this.jdbc = new ChannelJdbc(dataSource);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A customer as the ticket shows them; {@code language} is a BCP 47 tag or null. */
  record Profile(String displayName, String language) {}

  Profile of(LineIncoming message) {
    String userId = message.userId();
    if (userId == null) {
      return new Profile("LINE user (no profile consent)", null);
    }
    Optional<Cached> cached =
        Optional.ofNullable(recent.get(userId)).filter(this::fresh).or(() -> cached(userId));
    if (cached.isPresent() && fresh(cached.get())) {
      recent.put(userId, cached.get());
      return cached.get().profile();
    }
    Optional<Profile> fetched =
        fetch(message, cached.map(c -> c.profile().language()).orElse(null));
    fetched.ifPresent(profile -> store(userId, profile));
    fetched.ifPresent(profile -> recent.put(userId, new Cached(profile, clock.instant())));
    return fetched.or(() -> cached.map(Cached::profile)).orElse(new Profile(userId, null));
  }

  private record Cached(Profile profile, Instant fetchedAt) {}

  private boolean fresh(Cached cached) {
    return cached.fetchedAt().plus(ttl).isAfter(clock.instant());
  }

  private Optional<Cached> cached(String userId) {
    return jdbc.queryOne(
        "line: read the profile of " + userId,
        "select display_name, language, fetched_at from line_profile where user_id = ?",
        row ->
            new Cached(
                new Profile(row.getString(1), row.getString(2)),
                ChannelJdbc.instant(row, "fetched_at")),
        userId);
  }

  private Optional<Profile> fetch(LineIncoming message, String knownLanguage) {
    String path =
        switch (message.sourceType()) {
          case "group" -> "/v2/bot/group/" + message.chatId() + "/member/" + message.userId();
          case "room" -> "/v2/bot/room/" + message.chatId() + "/member/" + message.userId();
          default -> "/v2/bot/profile/" + message.userId();
        };
    try {
      LineApi.Answer answer =
          api.get(api.api(path), BUDGET.compareTo(api.timeout()) < 0 ? BUDGET : api.timeout());
      if (!answer.isSuccess()) {
        log.warn(
            "line: the profile of {} is not available: {}", message.userId(), answer.problem());
        return Optional.empty();
      }
      JsonNode profile = answer.json();
      String name = LineJson.text(profile, "displayName");
      String language = LineJson.text(profile, "language");
      return name == null || name.isBlank()
          ? Optional.empty()
          : Optional.of(new Profile(name, language != null ? language : knownLanguage));
    } catch (IOException e) {
      log.warn(
          "line: the profile of {} is not available: {}",
          message.userId(),
          UntrustedText.forLog(e.toString()));
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void store(String userId, Profile profile) {
    String name = UntrustedText.clean(profile.displayName());
    String language =
        profile.language() != null && profile.language().length() <= 35 ? profile.language() : null;
    int updated =
        jdbc.update(
            "line: store the profile of " + userId,
            "update line_profile set display_name = ?, language = ?, fetched_at = ? where user_id = ?",
            name,
            language,
            clock.instant(),
            userId);
    if (updated == 0) {
      jdbc.insertIfAbsent(
          "line: store the profile of " + userId,
          "insert into line_profile (user_id, display_name, language, fetched_at) values (?, ?, ?, ?)",
          userId,
          name,
          language,
          clock.instant());
    }
  }
}
