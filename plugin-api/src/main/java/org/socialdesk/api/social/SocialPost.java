package org.socialdesk.api.social;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A customer's post or message as a channel read it from the network.
 *
 * @param key the network and the post's id
 * @param conversationId the network's id of the whole thread; posts sharing it share a ticket
 * @param inReplyToId the post this one answers, or {@code null}
 * @param author who wrote it
 * @param text the post's text, as plain text (channels convert HTML)
 * @param postedAt when the customer posted it on the network; SLA clocks start here
 * @param visibility public post or private message
 * @param url a link to the post on the network, or {@code null} (private messages)
 * @param engagement reactions when read
 * @param attributes network-specific extras worth keeping, never secrets; the keys the host reads
 *     are named here ({@link #QUOTED_POST_ID})
 */
public record SocialPost(
    PostKey key,
    String conversationId,
    String inReplyToId,
    Author author,
    String text,
    Instant postedAt,
    Visibility visibility,
    URI url,
    Engagement engagement,
    Map<String, String> attributes) {

  /**
   * Attribute key: the id, on the same network, of the post this one quotes (an X quote post, a
   * Mastodon quote). A channel sets it when its post quotes another; the host reads it when it
   * routes the post, treating the quoted post like the one replied to: a quote of a post that has a
   * ticket joins that ticket, and a quote of a post still being routed waits for it. Absent when
   * the post quotes nothing.
   *
   * @since API 1.2
   */
  public static final String QUOTED_POST_ID = "quotedPostId";

  public SocialPost {
    Objects.requireNonNull(key, "key");
    PostKey.requireText(conversationId, "conversationId");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(postedAt, "postedAt");
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(engagement, "engagement");
    attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
    if (!author.network().equals(key.network())) {
      throw new IllegalArgumentException(
          "author network " + author.network() + " differs from post network " + key.network());
    }
  }

  public String network() {
    return key.network();
  }

  /** The conversation this post belongs to, as a cross-network key. */
  public ConversationKey conversation() {
    return new ConversationKey(key.network(), conversationId);
  }
}
