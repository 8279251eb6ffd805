package org.socialdesk.host.cluster;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.host.storage.Sql;

/**
 * Work that one instance at a time does (such as reading the helpdesk's activity cursor), among the
 * instances sharing one database: a row in {@code host_lease} names its holder. The holder keeps it
 * while its heartbeat runs and releases it when it stops cleanly; another instance takes it over
 * once the holder's heartbeat is older than {@link Instances#DEAD_AFTER}, and logs from whom and
 * after how long.
 */
public final class Lease {

  private static final Logger log = LoggerFactory.getLogger(Lease.class);

  private final Sql sql;
  private final Instances instances;
  private final Clock clock;
  private final String name;

  public Lease(Sql sql, Instances instances, Clock clock, String name) {
    this.sql = sql;
    this.instances = instances;
    this.clock = clock;
    this.name = name;
  }

  /**
   * What one look at the lease found: whether this instance holds it, and whether it just took it.
   */
  private sealed interface Look {
    record Kept() implements Look {}

    record HeldElsewhere() implements Look {}

    record TakenFree() implements Look {}

    record TakenOver(String from) implements Look {}
  }

  /** Whether this instance holds the lease now; takes it when it is free or its holder is dead. */
  public boolean hold() {
    Look look =
        sql.inTransaction(
            tx -> {
              // "on conflict do nothing": PostgreSQL ends a transaction at its first error, a
              // duplicate included.
              tx.update(
                  "insert into host_lease (name, held_by, taken_at) values (?, null, null) on conflict do nothing",
                  name);
              String holder =
                  tx.query(
                          "select held_by from host_lease where name = ? for update",
                          row -> Optional.ofNullable(row.getString(1)),
                          name)
                      .getFirst()
                      .orElse(null);
              if (instances.id().equals(holder)) {
                return new Look.Kept();
              }
              if (holder != null
                  && !tx.query(
                          "select 1 from host_instance where id = ? and heartbeat_at > ?",
                          row -> true,
                          holder,
                          instances.aliveSince())
                      .isEmpty()) {
                return new Look.HeldElsewhere();
              }
              tx.update(
                  "update host_lease set held_by = ?, taken_at = ? where name = ?",
                  instances.id(),
                  clock.instant(),
                  name);
              return holder == null ? new Look.TakenFree() : new Look.TakenOver(holder);
            });
    switch (look) {
      case Look.TakenFree free ->
          log.atInfo()
              .addKeyValue("lease", name)
              .addKeyValue("instance", instances.id())
              .log("This instance took the free lease {}", name);
      case Look.TakenOver over ->
          log.atInfo()
              .addKeyValue("lease", name)
              .addKeyValue("instance", instances.id())
              .addKeyValue("from", over.from())
              .log(
                  "This instance took over {} from instance {}, whose heartbeat stopped: {}",
                  name,
                  over.from(),
                  instances.silenceOf(over.from()));
      case Look.Kept kept -> {}
      case Look.HeldElsewhere elsewhere -> {}
    }
    return !(look instanceof Look.HeldElsewhere);
  }

  /** Gives the lease up at a clean stop, so that another instance takes it at once. */
  public void release() {
    try {
      sql.update(
          "update host_lease set held_by = null where name = ? and held_by = ?",
          name,
          instances.id());
    } catch (RuntimeException e) {
      log.atWarn().log("Could not release the lease {}: {}", name, e.getMessage());
    }
  }
}
