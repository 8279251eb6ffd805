package org.socialdesk.channel.meta;

/** The two networks the Meta channel serves, as the host names them in post keys. */
enum MetaNetwork {
  FACEBOOK("facebook"),
  INSTAGRAM("instagram");

  private final String id;

  MetaNetwork(String id) {
    this.id = id;
  }

  /** The host's network name ({@code facebook}, {@code instagram}). */
  String id() {
    return id;
  }

  static MetaNetwork of(String id) {
    for (MetaNetwork network : values()) {
      if (network.id.equals(id)) {
        return network;
      }
    }
    throw new IllegalArgumentException("not a Meta network: " + id);
  }
}
