package org.socialdesk.api.social;

import java.time.Instant;
import java.util.Objects;

/** What a channel hands the host: a new post, or a change to one already received. */
public sealed interface InboundEvent {

  PostKey key();

  /** A post the brand has not seen before. */
  record NewPost(SocialPost post) implements InboundEvent {
    public NewPost {
      Objects.requireNonNull(post, "post");
    }

    @Override
    public PostKey key() {
      return post.key();
    }
  }

  /** The customer edited a post; the ticket gets a note with the new text. */
  record PostEdited(PostKey key, String newText, Instant editedAt) implements InboundEvent {
    public PostEdited {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(newText, "newText");
      Objects.requireNonNull(editedAt, "editedAt");
    }
  }

  /** The customer deleted a post; it is marked on the ticket and never answered in public. */
  record PostDeleted(PostKey key, Instant deletedAt) implements InboundEvent {
    public PostDeleted {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(deletedAt, "deletedAt");
    }
  }
}
