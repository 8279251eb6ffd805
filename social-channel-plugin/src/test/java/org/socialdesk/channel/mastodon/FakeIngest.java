package org.socialdesk.channel.mastodon;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;

/** The host's ingest as tests want it: records events, and is unavailable for chosen posts. */
final class FakeIngest implements Ingest {

  final List<InboundEvent> accepted = new CopyOnWriteArrayList<>();
  private final Set<String> unavailableFor = ConcurrentHashMap.newKeySet();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  /** Every later event about post {@code postId} throws {@link IngestUnavailableException}. */
  void failFor(String postId) {
    unavailableFor.add(postId);
  }

  void recover() {
    unavailableFor.clear();
  }

  @Override
  public Accepted accept(InboundEvent event) {
    if (unavailableFor.contains(event.key().postId())) {
      throw new IngestUnavailableException("database down", new SQLException("database down"));
    }
    accepted.add(event);
    return seen.add(event.getClass().getSimpleName() + event.key()) ? Accepted.STORED : Accepted.DUPLICATE;
  }

  /** The ids of the new posts received, in order, duplicates included. */
  List<String> newPostIds() {
    return accepted.stream()
        .filter(InboundEvent.NewPost.class::isInstance)
        .map(event -> event.key().postId())
        .toList();
  }
}
