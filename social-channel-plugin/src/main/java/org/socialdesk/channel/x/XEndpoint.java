package org.socialdesk.channel.x;

/** The X API endpoints the channel calls, each paced on its own budget. */
enum XEndpoint {
  MENTIONS("GET /2/users/{id}/mentions"),
  DM_EVENTS("GET /2/dm_events"),
  CREATE_POST("POST /2/tweets"),
  SEND_DM("POST /2/dm_conversations/with/{participant_id}/messages");

  private final String label;

  XEndpoint(String label) {
    this.label = label;
  }

  /** Method and path template, for logs and messages. */
  @Override
  public String toString() {
    return label;
  }
}
