package org.socialdesk.api.helpdesk;

import java.util.Objects;

/** The helpdesk's record of a social author (an unprivileged user in Request Tracker). */
public record CustomerRef(String id, String name) {

  public CustomerRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
