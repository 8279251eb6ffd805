package org.socialdesk.channel.x;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;

/**
 * The host's inbox as the X tests need it: stores each event once, keyed as the host keys them
 * (a post by its id, an edit by id and time, a deletion by id), answers DUPLICATE for a second
 * delivery, and can be made unavailable, at once or after a number of stored events.
 */
final class FakeIngest implements Ingest {

  /** Events stored, in order; duplicates are not repeated here. */
  final List<InboundEvent> stored = new CopyOnWriteArrayList<>();
  /** Every call, duplicates included. */
  final List<InboundEvent> calls = new CopyOnWriteArrayList<>();
  private final Set<String> keys = new HashSet<>();
  private volatile int storesBeforeOutage = Integer.MAX_VALUE;

  /** The next calls fail once {@code count} more events were stored; 0 fails at once. */
  void failAfter(int count) {
    storesBeforeOutage = count;
  }

  void recover() {
    storesBeforeOutage = Integer.MAX_VALUE;
  }

  @Override
  public synchronized Accepted accept(InboundEvent event) {
    calls.add(event);
    if (storesBeforeOutage <= 0) {
      throw new IngestUnavailableException("database down (test)", new SQLException("database down (test)"));
    }
    String key = switch (event) {
      case InboundEvent.NewPost post -> "post " + post.key();
      case InboundEvent.PostEdited edit -> "edit " + edit.key() + "@" + edit.editedAt();
      case InboundEvent.PostDeleted deleted -> "delete " + deleted.key();
    };
    if (!keys.add(key)) {
      return Accepted.DUPLICATE;
    }
    stored.add(event);
    storesBeforeOutage--;
    return Accepted.STORED;
  }

  /** The ids of the new posts stored, in order. */
  List<String> postIds() {
    return stored.stream()
        .filter(InboundEvent.NewPost.class::isInstance)
        .map(event -> event.key().postId())
        .toList();
  }
}
