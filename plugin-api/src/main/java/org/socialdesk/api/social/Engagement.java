package org.socialdesk.api.social;

/** How much others reacted to a post when it was read; zeros when the network does not say. */
public record Engagement(long likes, long reposts, long replies, long quotes) {

  public static final Engagement NONE = new Engagement(0, 0, 0, 0);

  public Engagement {
    if (likes < 0 || reposts < 0 || replies < 0 || quotes < 0) {
      throw new IllegalArgumentException("engagement counts must be >= 0");
    }
  }

  public long total() {
    return likes + reposts + replies + quotes;
  }
}
