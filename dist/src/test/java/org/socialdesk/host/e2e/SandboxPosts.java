package org.socialdesk.host.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Sandbox posts as JSON, the way a network's webhook would hand them to Socialdesk. */
final class SandboxPosts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SandboxPosts() {}

  static String post(
      String id,
      String conversationId,
      String inReplyToId,
      String handle,
      long followers,
      String text,
      Instant createdAt) {
    ObjectNode post = JSON.createObjectNode();
    post.put("id", id);
    post.put("conversationId", conversationId);
    if (inReplyToId != null) {
      post.put("inReplyToId", inReplyToId);
    }
    ObjectNode author = post.putObject("author");
    author.put("handle", handle);
    author.put("displayName", "Customer " + handle);
    author.put("followers", followers);
    author.put("verified", false);
    post.put("text", text);
    post.put("createdAt", createdAt.toString());
    return post.toString();
  }

  static String newThread(String id, String handle, String text, Instant createdAt) {
    return post(id, id, null, handle, 120, text, createdAt);
  }
}
