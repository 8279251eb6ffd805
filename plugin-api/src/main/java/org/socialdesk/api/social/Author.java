package org.socialdesk.api.social;

import java.time.Instant;
import java.util.Objects;

/**
 * The person behind a post, with what the network tells about their reach.
 *
 * @param network the network the account lives on
 * @param accountId the network's stable id for the account
 * @param handle the public handle, without a leading {@code @}
 * @param displayName the name shown on the network; may equal the handle
 * @param followers follower count, 0 when the network does not say
 * @param verified whether the network marks the account as verified
 * @param listedCount how many public lists include the account, 0 when unknown
 * @param accountCreated when the account was created, or {@code null} when unknown
 */
public record Author(
    String network,
    String accountId,
    String handle,
    String displayName,
    long followers,
    boolean verified,
    long listedCount,
    Instant accountCreated) {

  public Author {
    PostKey.requireText(network, "network");
    PostKey.requireText(accountId, "accountId");
    PostKey.requireText(handle, "handle");
    Objects.requireNonNull(displayName, "displayName");
    if (followers < 0 || listedCount < 0) {
      throw new IllegalArgumentException("followers and listedCount must be >= 0");
    }
  }

  /** An author of whom only the handle is known. */
  public static Author of(String network, String accountId, String handle) {
    return new Author(network, accountId, handle, handle, 0, false, 0, null);
  }
}
