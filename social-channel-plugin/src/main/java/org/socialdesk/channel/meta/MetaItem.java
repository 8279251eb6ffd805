package org.socialdesk.channel.meta;

import java.time.Instant;
import java.util.Objects;

/**
 * What the channel knows of one comment, post or message beyond the host's post: what the replies
 * need (where a comment reply goes, how old a message is for the window, whether a comment is
 * hidden or a Live comment) and what the backfill needs to skip what it has.
 *
 * @param network the network
 * @param id Meta's id (a Socialdesk key for messages, {@link MetaIds#key})
 * @param kind what it is
 * @param parentId for a reply, the top-level comment; else null
 * @param mediaId the post or media commented on; null for messages
 * @param authorId the author's id (PSID, IGSID, user id), or null
 * @param hidden whether it is hidden on the network
 * @param live whether it is an Instagram Live comment
 * @param createdAt when it was written on the network
 */
record MetaItem(
    MetaNetwork network,
    String id,
    Kind kind,
    String parentId,
    String mediaId,
    String authorId,
    boolean hidden,
    boolean live,
    Instant createdAt) {

  /** The kinds of items. */
  enum Kind {
    /** A comment or a reply to one. */
    COMMENT,
    /** A visitor's post on the Page. */
    POST,
    /** A mention of the Page or the Instagram account. */
    MENTION,
    /** A Messenger or Instagram direct message. */
    MESSAGE,
    /** A comment the brand published through Socialdesk. */
    OWN_COMMENT
  }

  MetaItem {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
