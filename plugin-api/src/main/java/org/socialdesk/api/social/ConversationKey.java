package org.socialdesk.api.social;

/** A thread or a direct-message conversation on one network; one ticket per conversation. */
public record ConversationKey(String network, String conversationId) {

  public ConversationKey {
    PostKey.requireText(network, "network");
    PostKey.requireText(conversationId, "conversationId");
  }

  @Override
  public String toString() {
    return network + ":" + conversationId;
  }
}
