package org.socialdesk.host.config;

/**
 * Which helpdesk keeps the tickets. Exactly one kind may be set; none means posts are stored and
 * wait until a helpdesk is configured.
 *
 * @param rt Request Tracker 5 over REST2
 */
public record HelpdeskConfig(RtConfig rt) {

  static final HelpdeskConfig NONE = new HelpdeskConfig(null);

  public boolean isConfigured() {
    return rt != null;
  }
}
