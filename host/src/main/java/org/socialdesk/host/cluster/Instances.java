package org.socialdesk.host.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.host.storage.Sql;

/**
 * This host's identity among the instances sharing one database, kept alive by a heartbeat. Work
 * claimed by an instance whose heartbeat is older than {@link #DEAD_AFTER} is free again: that is
 * how a SIGKILL'd instance's work is taken up within seconds, without ever taking work from a live
 * instance however long it runs.
 */
public final class Instances implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Instances.class);
  private static final Duration HEARTBEAT = Duration.ofSeconds(2);
  public static final Duration DEAD_AFTER = Duration.ofSeconds(10);

  /**
   * The SQL condition for "claimed by nobody alive", with the cut-off instant as its one parameter.
   */
  public static final String UNCLAIMED =
      "(claimed_by is null or claimed_by not in (select id from host_instance where heartbeat_at > ?))";

  private final Sql sql;
  private final Clock clock;
  private final String id = UUID.randomUUID().toString();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("heartbeat").factory());

  public Instances(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  public void start() {
    Instant now = clock.instant();
    sql.update(
        "insert into host_instance (id, started_at, heartbeat_at) values (?, ?, ?)", id, now, now);
    heartbeat.scheduleAtFixedRate(
        this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  public String id() {
    return id;
  }

  /** Claims older than this belong to dead instances. */
  public Instant aliveSince() {
    return clock.instant().minus(DEAD_AFTER);
  }

  /**
   * The last heartbeat of instance {@code id}, empty once it stopped cleanly (or an hour after it
   * died).
   */
  private Optional<Instant> lastHeartbeat(String id) {
    return sql.queryOne(
        "select heartbeat_at from host_instance where id = ?",
        row -> Sql.instant(row, "heartbeat_at"),
        id);
  }

  /**
   * How a takeover of {@code holder}'s work reads in the log: since when its heartbeat stopped. An
   * instance that stopped cleanly released its work, so a missing heartbeat means a long-dead one.
   */
  public String silenceOf(String holder) {
    return lastHeartbeat(holder)
        .map(
            last ->
                "its last heartbeat was "
                    + Duration.between(last, clock.instant()).toMillis() / 100 / 10.0
                    + " s ago")
        .orElse("its heartbeat is gone");
  }

  /**
   * Stops the heartbeat and leaves everything else as it is, as a SIGKILL would; for tests of
   * takeovers.
   */
  public void stopHeartbeat() {
    heartbeat.shutdownNow();
  }

  private void beat() {
    try {
      Instant now = clock.instant();
      sql.update("update host_instance set heartbeat_at = ? where id = ?", now, id);
      sql.update(
          "delete from host_instance where heartbeat_at < ?", now.minus(Duration.ofHours(1)));
    } catch (RuntimeException e) {
      log.atWarn().log("Heartbeat failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      sql.update("delete from host_instance where id = ?", id);
    } catch (RuntimeException e) {
      log.atWarn().log("Could not remove this instance's heartbeat: {}", e.getMessage());
    }
  }
}
