package org.socialdesk.sentiment;

/**
 * What the brand already knows of an author: earlier conversations and how many of them were
 * negative, and whether the admin put the author on the VIP list (with the reason given).
 */
record AuthorHistory(int earlierConversations, int earlierNegative, String vipReason) {

  static final AuthorHistory NONE = new AuthorHistory(0, 0, null);

  boolean isVip() {
    return vipReason != null;
  }
}
