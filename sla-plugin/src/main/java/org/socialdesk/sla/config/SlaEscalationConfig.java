package org.socialdesk.sla.config;

import org.socialdesk.api.ConfigException;

/**
 * What a warning or a breach does to its ticket, under {@code plugins.sla.escalation}. An alert
 * asks for the ticket's priority when it was created (from the enrichment, else 0) plus the bump,
 * capped at {@link #MAX_PRIORITY}; the ticket gets it only if its priority now is lower, so an
 * alert never lowers a priority an agent or an earlier alert set.
 *
 * @param warningPriorityBump added to the ticket's initial priority on a warning; default 10
 * @param breachPriorityBump added to the ticket's initial priority on a breach; default 20
 */
public record SlaEscalationConfig(Integer warningPriorityBump, Integer breachPriorityBump) {

  /** Request Tracker's highest priority. */
  static final int MAX_PRIORITY = 99;

  public static final SlaEscalationConfig DEFAULTS = new SlaEscalationConfig(null, null);

  public SlaEscalationConfig {
    warningPriorityBump = warningPriorityBump != null ? warningPriorityBump : 10;
    breachPriorityBump = breachPriorityBump != null ? breachPriorityBump : 20;
    if (warningPriorityBump < 0 || breachPriorityBump < 0) {
      throw new ConfigException(
          "escalation: priority bumps must be >= 0, got warning-priority-bump "
              + warningPriorityBump
              + " and breach-priority-bump "
              + breachPriorityBump);
    }
  }

  /**
   * The priority to send for an alert of {@code level} on a ticket created with {@code initial}.
   */
  public int priority(Integer initial, boolean breach) {
    int base = initial == null ? 0 : initial;
    return Math.min(MAX_PRIORITY, base + (breach ? breachPriorityBump : warningPriorityBump));
  }
}
