package org.socialdesk.channel.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

/**
 * Turns Mastodon's Status entity into Socialdesk's post.
 *
 * <p>Threads: statuses do not carry a stable thread id, so a status that answers nothing is its own
 * conversation, and a reply's conversation is the status it answers ({@code in_reply_to_id}). A
 * reply to a post Socialdesk knows (the brand's reply, or the customer's earlier post) joins that
 * post's ticket, since the host's router follows {@code inReplyToId}; replies to the same unknown
 * status share one ticket.
 *
 * <p>Handles are always {@code user@domain}: a local account's {@code acct} has no domain, so the
 * instance's host is added.
 */
final class MastodonStatusReader {

  static final String NETWORK = "mastodon";

  /** The Mastodon visibility, for the reply: {@code public|unlisted|private|direct}. */
  static final String VISIBILITY_ATTRIBUTE = "mastodonVisibility";

  private final String host;
  private final Clock clock;

  /**
   * @param host the instance's host, the domain of local accounts
   */
  MastodonStatusReader(String host, Clock clock) {
    this.host = host;
    this.clock = clock;
  }

  SocialPost post(JsonNode status) {
    String id = required(status, "id");
    String inReplyTo = text(status, "in_reply_to_id");
    String visibility = visibility(status);
    Map<String, String> attributes = new HashMap<>();
    attributes.put(VISIBILITY_ATTRIBUTE, visibility);
    putIfText(attributes, "language", text(status, "language"));
    putIfText(
        attributes,
        SocialPost.QUOTED_POST_ID,
        text(status.path("quote").path("quoted_status"), "id"));
    return new SocialPost(
        new PostKey(NETWORK, id),
        inReplyTo != null ? inReplyTo : id,
        inReplyTo,
        author(status.path("account")),
        text(status),
        instant(status, "created_at"),
        visibility.equals("direct") ? Visibility.PRIVATE : Visibility.PUBLIC,
        url(status),
        new Engagement(
            count(status, "favourites_count"),
            count(status, "reblogs_count"),
            count(status, "replies_count"),
            count(status, "quotes_count")),
        attributes);
  }

  /** An edited status: its new text, at {@code edited_at} (now when Mastodon does not say). */
  InboundEvent.PostEdited edit(JsonNode status) {
    Instant editedAt =
        status.hasNonNull("edited_at") ? instant(status, "edited_at") : clock.instant();
    return new InboundEvent.PostEdited(
        new PostKey(NETWORK, required(status, "id")), text(status), editedAt);
  }

  /** The plain text, after "CW: ..." and an empty line when the status has a content warning. */
  String text(JsonNode status) {
    Map<String, String> mentions = new HashMap<>();
    for (JsonNode mention : status.path("mentions")) {
      String url = text(mention, "url");
      String acct = text(mention, "acct");
      if (url != null && acct != null) {
        mentions.put(url, fullHandle(acct));
      }
    }
    String body = MastodonHtml.toText(text(status, "content"), mentions);
    String warning = text(status, "spoiler_text");
    if (warning == null || warning.isBlank()) {
      return body;
    }
    return body.isEmpty() ? "CW: " + warning.strip() : "CW: " + warning.strip() + "\n\n" + body;
  }

  static String visibility(JsonNode status) {
    String visibility = text(status, "visibility");
    return visibility == null ? "public" : visibility;
  }

  static String accountId(JsonNode status) {
    return text(status.path("account"), "id");
  }

  private Author author(JsonNode account) {
    String acct = required(account, "acct");
    String handle = fullHandle(acct);
    String displayName = text(account, "display_name");
    boolean verified = false;
    for (JsonNode field : account.path("fields")) {
      verified |= field.hasNonNull("verified_at");
    }
    Instant created = null;
    if (account.hasNonNull("created_at")) {
      try {
        created = instant(account, "created_at");
      } catch (IllegalArgumentException e) {
        created = null;
      }
    }
    return new Author(
        NETWORK,
        required(account, "id"),
        handle,
        displayName == null || displayName.isBlank() ? handle : displayName.strip(),
        count(account, "followers_count"),
        verified,
        0,
        created);
  }

  /** {@code user@domain}, adding the instance's host to a local account's {@code acct}. */
  String fullHandle(String acct) {
    String handle = acct.startsWith("@") ? acct.substring(1) : acct;
    return handle.contains("@") ? handle : handle + "@" + host;
  }

  private static URI url(JsonNode status) {
    for (String field : new String[] {"url", "uri"}) {
      String value = text(status, field);
      if (value != null && (value.startsWith("https://") || value.startsWith("http://"))) {
        try {
          return URI.create(value);
        } catch (IllegalArgumentException e) {
          // try the next field
        }
      }
    }
    return null;
  }

  private static Instant instant(JsonNode node, String field) {
    String value = required(node, field);
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not a timestamp: " + value, e);
    }
  }

  private static long count(JsonNode node, String field) {
    return Math.max(0, node.path(field).asLong(0));
  }

  private static String required(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the status has no " + field);
    }
    return value;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  private static void putIfText(Map<String, String> attributes, String key, String value) {
    if (value != null && !value.isBlank()) {
      attributes.put(key, value);
    }
  }
}
