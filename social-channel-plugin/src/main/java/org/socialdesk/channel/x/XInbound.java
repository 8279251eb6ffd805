package org.socialdesk.channel.x;

import java.util.Objects;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.SocialPost;

/** Something read from X for the host: a post, an edited version of one, or a deletion. */
sealed interface XInbound {

  /** X's id of what was read (the version's id for an edit), which orders items by time. */
  String id();

  /** A post or direct message. */
  record Post(String id, SocialPost post) implements XInbound {
    public Post {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(post, "post");
    }
  }

  /**
   * A newer version of an edited post. X gives every version its own id; Socialdesk keeps the
   * original's key ({@code edit_history[0]}). If the original was stored before, this is an edit of
   * it; if not (it was posted and edited before Socialdesk looked), it is a new post under the
   * original's key carrying the latest text.
   */
  record Edit(String id, SocialPost latest, InboundEvent.PostEdited edit) implements XInbound {
    public Edit {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(latest, "latest");
      Objects.requireNonNull(edit, "edit");
      if (!latest.key().equals(edit.key())) {
        throw new IllegalArgumentException(
            "the edit's key " + edit.key() + " differs from the post's " + latest.key());
      }
    }
  }

  /** The customer deleted a post (webhook deliveries only). */
  record Deleted(String id, InboundEvent.PostDeleted deleted) implements XInbound {
    public Deleted {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(deleted, "deleted");
    }
  }

  /**
   * Something X sent that cannot become an event (an id outside the host's safe set, a field
   * missing or malformed): handed to the host's quarantine with the reason, as it was received.
   *
   * @param id X's id of it when known, else empty
   * @param payload the event's JSON as received
   * @param reason why it cannot be processed
   */
  record Unreadable(String id, String payload, String reason) implements XInbound {
    public Unreadable {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
