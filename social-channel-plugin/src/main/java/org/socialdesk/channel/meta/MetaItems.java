package org.socialdesk.channel.meta;

import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.socialdesk.channel.storage.ChannelJdbc;

/** The {@code meta_item} table: one row per comment, post or message read or published. */
final class MetaItems {

  private final ChannelJdbc jdbc;

  MetaItems(DataSource dataSource) {
    this.jdbc = new ChannelJdbc(dataSource);
  }

  /** Records the item unless it is there already (a redelivery); returns whether it was new. */
  boolean record(MetaItem item) {
    return jdbc.insertIfAbsent("record Meta item " + item.id(),
        "insert into meta_item (network, item_id, kind, parent_id, media_id, author_id, hidden, live, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        item.network().id(), item.id(), item.kind().name(), item.parentId(), item.mediaId(), item.authorId(), item.hidden(), item.live(),
        item.createdAt());
  }

  Optional<MetaItem> find(MetaNetwork network, String id) {
    return jdbc.queryOne("read Meta item " + id,
        "select kind, parent_id, media_id, author_id, hidden, live, created_at from meta_item where network = ? and item_id = ?",
        row -> new MetaItem(network, id, MetaItem.Kind.valueOf(row.getString(1)), row.getString(2), row.getString(3), row.getString(4),
            row.getBoolean(5), row.getBoolean(6), ChannelJdbc.instant(row, "created_at")),
        network.id(), id);
  }

  /** Marks a comment hidden or shown; a comment not seen before is recorded with what is known. */
  void setHidden(MetaNetwork network, String id, boolean hidden, Instant at) {
    if (jdbc.update("mark Meta item " + id + (hidden ? " hidden" : " shown"),
        "update meta_item set hidden = ? where network = ? and item_id = ?", hidden, network.id(), id) == 0) {
      record(new MetaItem(network, id, MetaItem.Kind.COMMENT, null, null, null, hidden, false, at));
      setHidden(network, id, hidden, at);
    }
  }
}
