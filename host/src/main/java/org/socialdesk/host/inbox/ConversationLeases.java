package org.socialdesk.host.inbox;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.host.cluster.Instances;
import org.socialdesk.host.storage.Sql;

/**
 * Which instance routes a conversation right now, so that exactly one worker across all instances
 * sharing the database takes a conversation's events to the helpdesk, one after another. A lease is
 * a row keyed by the ordering key: taken by inserting it, or by taking over the row of an instance
 * whose heartbeat stopped (SIGKILL), and given back by deleting it.
 */
final class ConversationLeases {

  private static final Logger log = LoggerFactory.getLogger(ConversationLeases.class);

  /** "Held by an instance still alive", with the alive-since cut-off as its one parameter. */
  static final String HELD_BY_THE_LIVING =
      "exists (select 1 from inbox_lease l where l.ordering_key = i.ordering_key"
          + " and l.claimed_by in (select id from host_instance where heartbeat_at > ?))";

  private final Sql sql;
  private final Instances instances;

  ConversationLeases(Sql sql, Instances instances) {
    this.sql = sql;
    this.instances = instances;
  }

  /**
   * Takes the lease of {@code orderingKey} for this instance: true if this instance now holds it,
   * false if another live instance (or another worker of this one) does.
   */
  boolean take(String orderingKey, Instant now) {
    try {
      if (sql.update(
              "insert into inbox_lease (ordering_key, claimed_by, claimed_at) values (?, ?, ?) on conflict do nothing",
              orderingKey,
              instances.id(),
              now)
          == 1) {
        return true;
      }
      // A conditional update: of two instances taking over the same dead lease, the second one
      // re-reads the row after the first committed, finds a live holder and updates nothing.
      return sql.update(
              "update inbox_lease set claimed_by = ?, claimed_at = ? where ordering_key = ?"
                  + " and claimed_by not in (select id from host_instance where heartbeat_at > ?)",
              instances.id(),
              now,
              orderingKey,
              instances.aliveSince())
          == 1;
    } catch (Sql.StorageException e) {
      // A lock conflict with another taker (H2 reports some as errors): the other one has it.
      log.atDebug().addKeyValue("key", orderingKey).log("Lease not taken: {}", e.getMessage());
      return false;
    }
  }

  void release(String orderingKey) {
    sql.inTransaction(tx -> release(tx, orderingKey));
  }

  /** Gives the lease back within the caller's transaction. */
  int release(Sql.Tx tx, String orderingKey) throws java.sql.SQLException {
    return tx.update(
        "delete from inbox_lease where ordering_key = ? and claimed_by = ?",
        orderingKey,
        instances.id());
  }
}
