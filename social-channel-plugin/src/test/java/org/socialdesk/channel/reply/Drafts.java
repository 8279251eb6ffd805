package org.socialdesk.channel.reply;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

/** Builds reply drafts from the API's records for the policy tests. */
final class Drafts {

  static final TextLimit X = new XTextLength();

  private Drafts() {}

  static SocialPost post(Visibility visibility) {
    return new SocialPost(
        new PostKey("x", "1790000000000000001"),
        "1790000000000000001",
        null,
        new Author("x", "42", "customer", "A Customer", 120, false, 0, null),
        "@brand my order never arrived",
        Instant.parse("2026-03-01T10:15:30Z"),
        visibility,
        visibility == Visibility.PUBLIC
            ? URI.create("https://x.com/customer/status/1790000000000000001")
            : null,
        Engagement.NONE,
        Map.of());
  }

  static ReplyDraft publicReply(String text) {
    return draft(text, Visibility.PUBLIC, Enrichment.NONE, false);
  }

  static ReplyDraft privateReply(String text) {
    return draft(text, Visibility.PRIVATE, Enrichment.NONE, false);
  }

  static ReplyDraft draft(
      String text, Visibility visibility, Enrichment enrichment, boolean approved) {
    return new ReplyDraft(
        new TicketRef("rt", "1234"),
        "anna.berg",
        post(visibility),
        enrichment,
        visibility,
        List.of(text),
        approved,
        X);
  }
}
