package org.socialdesk.channel.sandbox;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;

/** The host's ingest as tests want it: records events, answers as told, or is unavailable. */
final class FakeIngest implements Ingest {

  final List<InboundEvent> accepted = new CopyOnWriteArrayList<>();
  private volatile Accepted answer = Accepted.STORED;
  private volatile String unavailable;

  void answer(Accepted accepted) {
    this.answer = accepted;
    this.unavailable = null;
  }

  /** Every later call throws {@link IngestUnavailableException} with {@code message}. */
  void failWith(String message) {
    this.unavailable = message;
  }

  @Override
  public Accepted accept(InboundEvent event) {
    if (unavailable != null) {
      throw new IngestUnavailableException(unavailable, new SQLException(unavailable));
    }
    accepted.add(event);
    return answer;
  }
}
