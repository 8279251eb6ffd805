package org.socialdesk.api.helpdesk;

/**
 * The helpdesk fields Socialdesk provisions and fills. Plugins may set further fields by name;
 * these are the ones every helpdesk implementation knows.
 */
public enum TicketField {
  CHANNEL("Channel"),
  SOCIAL_POST_ID("SocialPostId"),
  SOCIAL_POST_URL("SocialPostURL"),
  SOCIAL_AUTHOR("SocialAuthor"),
  FOLLOWERS("Followers"),
  SENTIMENT("Sentiment"),
  INFLUENCE("Influence"),
  LANGUAGE("Language"),
  INTENT("Intent"),
  REPLY_STATUS("ReplyStatus"),
  REPLY_APPROVAL("ReplyApproval");

  private final String fieldName;

  TicketField(String fieldName) {
    this.fieldName = fieldName;
  }

  /** The name the field has in the helpdesk. */
  public String fieldName() {
    return fieldName;
  }
}
