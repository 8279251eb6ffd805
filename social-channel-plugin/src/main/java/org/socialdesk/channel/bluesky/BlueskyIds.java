package org.socialdesk.channel.bluesky;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post's at-URI ({@code at://<did>/app.bsky.feed.post/<rkey>}) and its id in Socialdesk, {@code
 * <did>:<rkey>}: the inbox's ids may not hold '/', and a DID never ends in ':' while a post's rkey
 * (a TID) never holds one, so the last ':' splits them. Direct messages are {@code dm:<id>}.
 */
final class BlueskyIds {

  static final String POST_COLLECTION = "app.bsky.feed.post";
  static final String DM_PREFIX = "dm:";

  private static final Pattern POST_URI =
      Pattern.compile(
          "at://(did:[a-z]+:[A-Za-z0-9._:%-]+)/app\\.bsky\\.feed\\.post/([A-Za-z0-9._~-]{1,512})");

  private BlueskyIds() {}

  /** A post's repository (DID) and record key. */
  record PostRef(String did, String rkey) {

    String uri() {
      return "at://" + did + "/" + POST_COLLECTION + "/" + rkey;
    }

    String postId() {
      return did + ":" + rkey;
    }
  }

  static Optional<PostRef> fromUri(String uri) {
    if (uri == null) {
      return Optional.empty();
    }
    Matcher matcher = POST_URI.matcher(uri);
    return matcher.matches()
        ? Optional.of(new PostRef(matcher.group(1), matcher.group(2)))
        : Optional.empty();
  }

  static Optional<PostRef> fromPostId(String postId) {
    int split = postId.lastIndexOf(':');
    if (!postId.startsWith("did:") || split < 0 || split == postId.length() - 1) {
      return Optional.empty();
    }
    return fromUri(
        "at://"
            + postId.substring(0, split)
            + "/"
            + POST_COLLECTION
            + "/"
            + postId.substring(split + 1));
  }

  static boolean isDm(String id) {
    return id.startsWith(DM_PREFIX);
  }
}
