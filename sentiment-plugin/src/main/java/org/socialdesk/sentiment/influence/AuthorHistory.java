package org.socialdesk.sentiment.influence;

/**
 * What the brand already knows of an author: earlier conversations and how many of them were
 * negative, and whether the admin put the author on the VIP list (with the reason given).
 */
public record AuthorHistory(int earlierConversations, int earlierNegative, String vipReason) {

  public static final AuthorHistory NONE = new AuthorHistory(0, 0, null);

  public boolean isVip() {
    return vipReason != null;
  }
}
