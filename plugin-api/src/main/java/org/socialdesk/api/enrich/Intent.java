package org.socialdesk.api.enrich;

import java.util.Locale;

/** What the customer wants, used for routing. */
public enum Intent {
  COMPLAINT,
  QUESTION,
  PRAISE,
  /** A sales lead. */
  PURCHASE_INTENT,
  /** Spam or irrelevant; closed with a note where configured. */
  SPAM,
  OTHER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
