package org.socialdesk.channel.line;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

/** Reply drafts answering a LINE message, for the policy tests. */
final class LineDrafts {

  private LineDrafts() {}

  /**
   * A draft answering message {@code messageId} of chat {@code chatId} (a user: 1:1, private; a
   * group: public).
   */
  static ReplyDraft draft(String messageId, String chatId, String... parts) {
    return draft(Enrichment.NONE, messageId, chatId, parts);
  }

  /**
   * As above, for a conversation the enrichers tagged ({@code Enrichment.NONE.withLanguage("th")}).
   */
  static ReplyDraft draft(Enrichment enrichment, String messageId, String chatId, String... parts) {
    Visibility visibility = chatId.startsWith("U") ? Visibility.PRIVATE : Visibility.PUBLIC;
    String author = chatId.startsWith("U") ? chatId : LinePayloads.OTHER_USER;
    SocialPost answering =
        new SocialPost(
            new PostKey("line", messageId),
            chatId,
            null,
            new Author("line", author, author, "Customer", 0, false, 0, null),
            "hi",
            Instant.ofEpochMilli(LinePayloads.TIME),
            visibility,
            null,
            Engagement.NONE,
            Map.of());
    return new ReplyDraft(
        new TicketRef("rt", "1"),
        "agent",
        answering,
        enrichment,
        visibility,
        List.of(parts),
        false,
        new LineTextLimit());
  }
}
