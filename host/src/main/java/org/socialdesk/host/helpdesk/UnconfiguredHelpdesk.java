package org.socialdesk.host.helpdesk;

import java.time.Duration;
import java.util.Optional;
import org.socialdesk.api.helpdesk.ActivityPage;
import org.socialdesk.api.helpdesk.CustomerRef;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.NewTicket;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.PostKey;

/**
 * Stands in while no helpdesk is configured: every call fails as retryable, so posts wait in the
 * inbox and flow as soon as a helpdesk is configured and Socialdesk restarted.
 */
public final class UnconfiguredHelpdesk implements HelpdeskGateway {

  private static HelpdeskException notConfigured() {
    return new HelpdeskException(
        "no helpdesk is configured (set helpdesk.rt in socialdesk.yml); posts wait in the inbox",
        true,
        Duration.ZERO,
        null);
  }

  @Override
  public String name() {
    return "none";
  }

  @Override
  public CustomerRef findOrCreateCustomer(Author author) {
    throw notConfigured();
  }

  @Override
  public TicketRef createTicket(NewTicket ticket) {
    throw notConfigured();
  }

  @Override
  public Optional<TicketRef> findTicketByPost(PostKey post) {
    throw notConfigured();
  }

  @Override
  public String addMessage(TicketRef ticket, TicketMessage message) {
    throw notConfigured();
  }

  @Override
  public void update(TicketRef ticket, TicketUpdate update) {
    throw notConfigured();
  }

  @Override
  public java.util.OptionalInt priority(TicketRef ticket) {
    throw notConfigured();
  }

  @Override
  public void link(TicketRef parent, TicketRef child) {
    throw notConfigured();
  }

  @Override
  public ActivityPage activitySince(String cursor, int limit) {
    return new ActivityPage(java.util.List.of(), cursor);
  }

  @Override
  public String ticketUrl(TicketRef ticket) {
    return "";
  }
}
