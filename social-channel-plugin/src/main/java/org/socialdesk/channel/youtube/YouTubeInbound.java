package org.socialdesk.channel.youtube;

import java.time.Instant;
import java.util.Objects;
import org.socialdesk.api.social.SocialPost;

/** One comment read from YouTube: a customer's, the brand's own, or one that cannot be read. */
sealed interface YouTubeInbound {

  /** When it was published; null only for what cannot be read. */
  Instant at();

  /** A customer's comment: a top-level comment or a reply, with its thread as the conversation. */
  record Comment(Instant at, SocialPost post) implements YouTubeInbound {
    public Comment {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(post, "post");
    }
  }

  /** The brand's own comment: never a customer's post, but its thread is watched for answers. */
  record Own(Instant at, String commentId, String threadId) implements YouTubeInbound {
    public Own {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(commentId, "commentId");
      Objects.requireNonNull(threadId, "threadId");
    }
  }

  /** Something that cannot become a post (an id or time missing): kept in the host's quarantine. */
  record Unreadable(Instant at, String payload, String reason) implements YouTubeInbound {
    public Unreadable {
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
