package org.socialdesk.host.inbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.UntrustedText;

/**
 * What the inbox asks of an event before storing it, whichever channel sent it: ids the host can
 * keep (else the event goes to quarantine, see {@link UntrustedText#idProblem}), and texts without
 * control characters (replaced, see {@link UntrustedText#clean}), since PostgreSQL text cannot hold
 * NUL and the helpdesk and the logs should not receive escapes.
 */
final class IntakeRules {

  private IntakeRules() {}

  /** Why the event's ids cannot be kept, or empty when they can. */
  static Optional<String> idProblem(InboundEvent event) {
    Optional<String> problem = named("postId", event.key().postId());
    if (problem.isEmpty() && event instanceof InboundEvent.NewPost(SocialPost post)) {
      problem = named("conversationId", post.conversationId());
      if (problem.isEmpty() && post.inReplyToId() != null) {
        problem = named("inReplyToId", post.inReplyToId());
      }
    }
    return problem;
  }

  /** The event with control characters replaced in every text an outsider wrote. */
  static InboundEvent clean(InboundEvent event) {
    return switch (event) {
      case InboundEvent.NewPost(SocialPost post) -> new InboundEvent.NewPost(clean(post));
      case InboundEvent.PostEdited edit ->
          new InboundEvent.PostEdited(
              edit.key(), UntrustedText.clean(edit.newText()), edit.editedAt());
      case InboundEvent.PostDeleted deleted -> deleted;
    };
  }

  private static SocialPost clean(SocialPost post) {
    Author author = post.author();
    Author cleanAuthor =
        new Author(
            author.network(),
            UntrustedText.clean(author.accountId()),
            UntrustedText.clean(author.handle()),
            UntrustedText.clean(author.displayName()),
            author.followers(),
            author.verified(),
            author.listedCount(),
            author.accountCreated());
    Map<String, String> attributes = new LinkedHashMap<>();
    post.attributes()
        .forEach(
            (name, value) -> attributes.put(UntrustedText.clean(name), UntrustedText.clean(value)));
    return new SocialPost(
        post.key(),
        post.conversationId(),
        post.inReplyToId(),
        cleanAuthor,
        UntrustedText.clean(post.text()),
        post.postedAt(),
        post.visibility(),
        post.url(),
        post.engagement(),
        attributes);
  }

  private static Optional<String> named(String field, String id) {
    return UntrustedText.idProblem(id).map(problem -> field + ": " + problem);
  }
}
