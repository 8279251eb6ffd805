package org.socialdesk.host.http;

import java.util.Optional;

/** One dependency that must be reachable for Socialdesk to be ready (database, helpdesk ...). */
public interface ReadinessCheck {

  String name();

  /** Empty when fine; otherwise what is wrong, in one line. */
  Optional<String> problem();
}
