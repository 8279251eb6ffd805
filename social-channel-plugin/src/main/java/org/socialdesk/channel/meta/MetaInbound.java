package org.socialdesk.channel.meta;

import java.time.Instant;
import java.util.Objects;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.SocialPost;

/** Something read from Meta for the host, with what the channel keeps of it. */
sealed interface MetaInbound {

  /** A new comment, post, mention or message. */
  record Post(SocialPost post, MetaItem item) implements MetaInbound {
    public Post {
      Objects.requireNonNull(post, "post");
      Objects.requireNonNull(item, "item");
    }
  }

  /** A new text of something read before. */
  record Edit(InboundEvent.PostEdited edit) implements MetaInbound {
    public Edit {
      Objects.requireNonNull(edit, "edit");
    }
  }

  /** Removed from the network: marked on the ticket and never answered in public. */
  record Deleted(InboundEvent.PostDeleted deleted) implements MetaInbound {
    public Deleted {
      Objects.requireNonNull(deleted, "deleted");
    }
  }

  /**
   * Hidden (or shown again) by the Page: kept in {@code meta_item}, so public replies are held, and
   * told on the ticket by {@link MetaHiddenNotes}.
   */
  record Hidden(MetaNetwork network, String id, boolean hidden, Instant at) implements MetaInbound {
    public Hidden {
      Objects.requireNonNull(network, "network");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(at, "at");
    }
  }

  /** What cannot become an event: kept in the host's quarantine with the reason. */
  record Unreadable(MetaNetwork network, String payload, String reason) implements MetaInbound {
    public Unreadable {
      Objects.requireNonNull(network, "network");
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
