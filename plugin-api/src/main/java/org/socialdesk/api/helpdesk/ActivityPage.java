package org.socialdesk.api.helpdesk;

import java.util.List;
import java.util.Objects;

/** One page of agent activity, and the cursor to read the next page from. */
public record ActivityPage(List<TicketActivity> activities, String nextCursor) {

  public ActivityPage {
    activities = List.copyOf(Objects.requireNonNull(activities, "activities"));
    Objects.requireNonNull(nextCursor, "nextCursor");
  }
}
