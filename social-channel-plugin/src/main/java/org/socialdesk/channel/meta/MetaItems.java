package org.socialdesk.channel.meta;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.channel.storage.ChannelStorageException;

/** The {@code meta_item} table: one row per comment, post or message read or published. */
final class MetaItems {

  private final ChannelJdbc jdbc;

  MetaItems(DataSource dataSource) {
    this.jdbc = new ChannelJdbc(dataSource);
  }

  /** Records the item unless it is there already (a redelivery); returns whether it was new. */
  boolean record(MetaItem item) {
    return jdbc.insertIfAbsent(
        "record Meta item " + item.id(),
        "insert into meta_item (network, item_id, kind, parent_id, media_id, author_id, hidden, live, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        item.network().id(),
        item.id(),
        item.kind().name(),
        item.parentId(),
        item.mediaId(),
        item.authorId(),
        item.hidden(),
        item.live(),
        item.createdAt());
  }

  /**
   * Records every item not there yet in one transaction (one commit for a whole webhook delivery,
   * where one per item made the commits the bottleneck); if a concurrent writer recorded one of
   * them meanwhile (a unique violation), records them one by one instead.
   */
  void recordAll(List<MetaItem> items) {
    if (items.size() <= 1) {
      items.forEach(this::record);
      return;
    }
    try (ChannelJdbc.Transaction tx = jdbc.begin("record " + items.size() + " Meta items")) {
      for (MetaItem item : items) {
        tx.update(
            "record Meta item " + item.id(),
            "insert into meta_item (network, item_id, kind, parent_id, media_id, author_id, hidden, live, created_at)"
                + " select ?, ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) as one(x)"
                + " where not exists (select 1 from meta_item where network = ? and item_id = ?)",
            item.network().id(),
            item.id(),
            item.kind().name(),
            item.parentId(),
            item.mediaId(),
            item.authorId(),
            item.hidden(),
            item.live(),
            item.createdAt(),
            item.network().id(),
            item.id());
      }
      tx.commit();
    } catch (ChannelStorageException e) {
      if (!e.isUniqueViolation()) {
        throw e;
      }
      items.forEach(this::record);
    }
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
