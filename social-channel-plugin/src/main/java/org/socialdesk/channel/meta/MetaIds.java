package org.socialdesk.channel.meta;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.socialdesk.api.social.UntrustedText;

/**
 * Meta's ids as Socialdesk keys. Page, post and comment ids ({@code 123_456}) and Messenger ids
 * ({@code m_...}) are kept as they are; an id the host could not store (Instagram message ids are
 * Base64 and may end in '=', or run past 200 characters) becomes {@code h.<sha-256 hex>}, the same
 * for every delivery of it, so duplicates stay duplicates. Such keys are never sent back to Meta:
 * replies address people and comments, whose ids are safe.
 */
final class MetaIds {

  static final String HASHED = "h.";

  private MetaIds() {}

  static String key(String id) {
    if (id == null) {
      return null;
    }
    if (UntrustedText.idProblem(id).isEmpty()) {
      return id;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HASHED + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** Whether {@code id} is a Graph node id the channel may put into a request path. */
  static boolean isNodeId(String id) {
    return id != null && id.matches("[0-9]{1,40}(_[0-9]{1,40})?");
  }

  /**
   * Whether {@code id} is a conversation id ({@code t_<digits>}) the channel may put into a request
   * path.
   */
  static boolean isThreadId(String id) {
    return id != null && id.matches("t_[0-9A-Za-z]{1,60}");
  }
}
