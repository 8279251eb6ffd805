package org.socialdesk.channel.meta;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.channel.storage.GroupCommit;

/** The {@code meta_item} table: one row per comment, post or message read or published. */
final class MetaItems {

  private final ChannelJdbc jdbc;

  private final GroupCommit<List<MetaItem>> commits =
      new GroupCommit<>(this::recordTogether, this::recordAlone);

  MetaItems(DataSource dataSource) {
    this.jdbc = new ChannelJdbc(dataSource);
  }

  /** Records the item unless it is there already (a redelivery); returns whether it was new. */
  boolean record(MetaItem item) {
    return jdbc.insertIfAbsent(
        "record Meta item " + item.id(),
        "insert into meta_item (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values(item));
  }

  private static final String COLUMNS =
      "network, item_id, kind, parent_id, media_id, author_id, hidden, live, created_at";

  /** The values of {@link #COLUMNS}, then those given after them. */
  private static Object[] values(MetaItem item, Object... more) {
    Object[] values = {
      item.network().id(),
      item.id(),
      item.kind().name(),
      item.parentId(),
      item.mediaId(),
      item.authorId(),
      item.hidden(),
      item.live(),
      item.createdAt()
    };
    Object[] all = Arrays.copyOf(values, values.length + more.length);
    System.arraycopy(more, 0, all, values.length, more.length);
    return all;
  }

  /**
   * Records every item not there yet; returns once they are committed. Concurrent callers (the
   * webhook's deliveries) share one transaction ({@link GroupCommit}): one commit for a burst of
   * deliveries, where one per delivery made the commits the webhook's bottleneck.
   */
  void recordAll(List<MetaItem> items) {
    if (!items.isEmpty()) {
      commits.write(items);
    }
  }

  /**
   * One transaction for the items of several deliveries; an item there already (a redelivery, or
   * twice in the batch) is skipped by the statement itself. A unique violation (another instance
   * recorded one meanwhile) fails the batch, and {@link GroupCommit} then records each delivery
   * alone.
   */
  private void recordTogether(List<List<MetaItem>> deliveries) {
    int count = deliveries.stream().mapToInt(List::size).sum();
    try (ChannelJdbc.Transaction tx = jdbc.begin("record " + count + " Meta items")) {
      for (List<MetaItem> delivery : deliveries) {
        for (MetaItem item : delivery) {
          int inserted =
              tx.update(
                  "record Meta item " + item.id(),
                  "insert into meta_item ("
                      + COLUMNS
                      + ") select ?, ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) as one(x)"
                      + " where not exists (select 1 from meta_item where network = ? and item_id = ?)",
                  values(item, item.network().id(), item.id()));
          if (inserted == 0) {
            completeStub(tx, item);
          }
        }
      }
      tx.commit();
    }
  }

  /**
   * An item known only from a hide that overtook it (recorded with what the hide said: no parent,
   * post or author) gets the rest now; a redelivery of a complete item changes nothing.
   */
  private static void completeStub(ChannelJdbc.Transaction tx, MetaItem item) {
    tx.update(
        "complete Meta item " + item.id(),
        "update meta_item set kind = ?, parent_id = ?, media_id = ?, author_id = ?, live = ?, created_at = ?"
            + " where network = ? and item_id = ? and media_id is null and author_id is null",
        item.kind().name(),
        item.parentId(),
        item.mediaId(),
        item.authorId(),
        item.live(),
        item.createdAt(),
        item.network().id(),
        item.id());
  }

  /** One delivery's items after its batch failed: each alone, so only a bad one fails. */
  private void recordAlone(List<MetaItem> delivery) {
    delivery.forEach(this::record);
  }

  Optional<MetaItem> find(MetaNetwork network, String id) {
    return jdbc.queryOne(
        "read Meta item " + id,
        "select kind, parent_id, media_id, author_id, hidden, live, created_at from meta_item where network = ? and item_id = ?",
        row ->
            new MetaItem(
                network,
                id,
                MetaItem.Kind.valueOf(row.getString(1)),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getBoolean(5),
                row.getBoolean(6),
                ChannelJdbc.instant(row, "created_at")),
        network.id(),
        id);
  }

  /** Marks a comment hidden or shown; a comment not seen before is recorded with what is known. */
  void setHidden(MetaNetwork network, String id, boolean hidden, Instant at) {
    if (jdbc.update(
            "mark Meta item " + id + (hidden ? " hidden" : " shown"),
            "update meta_item set hidden = ? where network = ? and item_id = ?",
            hidden,
            network.id(),
            id)
        == 0) {
      record(new MetaItem(network, id, MetaItem.Kind.COMMENT, null, null, null, hidden, false, at));
      setHidden(network, id, hidden, at);
    }
  }
}
