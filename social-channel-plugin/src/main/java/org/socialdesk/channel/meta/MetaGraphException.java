package org.socialdesk.channel.meta;

import java.time.Instant;
import java.util.Objects;

/**
 * Graph did not do what was asked, or was not asked: the kind says what the caller does next.
 * Nothing was done on Meta's side unless the kind is {@link Kind#REJECTED} after a 2xx (never).
 */
final class MetaGraphException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What the failure means for the caller. */
  enum Kind {
    /**
     * Throttled by Meta (codes 4, 17, 32, 613, 80001...) or paced by the usage headers: wait until
     * {@link #retryAt}.
     */
    THROTTLED,
    /** The token is expired or revoked (code 190): an admin must set a new one; replies wait. */
    TOKEN_INVALID,
    /**
     * The app or token lacks a permission (code 10, 200-299): an admin must grant it; replies wait.
     */
    PERMISSION,
    /** Meta failed (5xx, codes 1 and 2, is_transient): try again later. */
    TEMPORARY,
    /** Meta refused this request for good (a deleted comment, a closed window, a bad parameter). */
    REJECTED
  }

  private final transient Kind kind;
  private final transient Instant retryAt;
  private final int code;

  MetaGraphException(Kind kind, int code, Instant retryAt, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = code;
    this.retryAt = retryAt;
  }

  Kind kind() {
    return kind;
  }

  /** Graph's error code, or 0 when the failure is not Graph's. */
  int code() {
    return code;
  }

  /** When to try again, for {@link Kind#THROTTLED}; null otherwise. */
  Instant retryAt() {
    return retryAt;
  }
}
