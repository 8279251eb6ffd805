package org.socialdesk.sla.policy;

import java.util.Locale;

/** What an SLA clock waits for. */
public enum SlaTarget {
  /**
   * The brand's first public or private answer in a conversation, from the customer's first post.
   */
  FIRST_RESPONSE,
  /** The next answer after a customer writes again, from their oldest unanswered post. */
  NEXT_RESPONSE,
  /** The ticket resolved, from the customer's first post. */
  RESOLUTION;

  /** The name in configuration, events and reports, e.g. {@code first-response}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The target named {@code wireName}, e.g. {@code next-response}. */
  public static SlaTarget fromWireName(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  public boolean isResponse() {
    return this != RESOLUTION;
  }
}
