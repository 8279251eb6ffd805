package org.socialdesk.channel.youtube;

import com.fasterxml.jackson.databind.JsonNode;

/** YouTube's resources read by path ({@code snippet.authorChannelId.value}). */
final class YouTubeJson {

  private YouTubeJson() {}

  /** The text at {@code path} (field names), or null when absent or not a text. */
  static String text(JsonNode node, String... path) {
    JsonNode value = node;
    for (String name : path) {
      value = value == null ? null : value.get(name);
    }
    return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
  }
}
