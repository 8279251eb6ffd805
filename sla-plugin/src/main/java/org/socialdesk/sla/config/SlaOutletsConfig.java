package org.socialdesk.sla.config;

/**
 * Where warnings and breaches are sent besides the ticket, under {@code plugins.sla.outlets}.
 *
 * @param webhook a generic JSON webhook; default none
 */
public record SlaOutletsConfig(SlaWebhookConfig webhook) {

  static final SlaOutletsConfig NONE = new SlaOutletsConfig(null);
}
