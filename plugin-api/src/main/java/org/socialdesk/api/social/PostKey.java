package org.socialdesk.api.social;

import java.util.Objects;

/**
 * Identifies a post across Socialdesk: a network (e.g. {@code x}, {@code mastodon}, {@code
 * sandbox}) and the network's own id for it. The inbox holds at most one row per key.
 */
public record PostKey(String network, String postId) {

  public PostKey {
    requireText(network, "network");
    requireText(postId, "postId");
  }

  static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  @Override
  public String toString() {
    return network + ":" + postId;
  }
}
