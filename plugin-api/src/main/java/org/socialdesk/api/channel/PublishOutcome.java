package org.socialdesk.api.channel;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What the network did with a reply. */
public sealed interface PublishOutcome {

  /** The reply is live; {@code url} is where the public can read it (null for DMs). */
  record Published(String remoteId, URI url, Instant at) implements PublishOutcome {
    public Published {
      Objects.requireNonNull(remoteId, "remoteId");
      Objects.requireNonNull(at, "at");
    }
  }

  /** The network refused the reply for good (deleted post, blocked user, invalid text). */
  record Rejected(String reason) implements PublishOutcome {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A temporary failure (429, 5xx, timeout before sending); nothing was published. */
  record RetryLater(Duration after, String reason) implements PublishOutcome {
    public RetryLater {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
