package org.socialdesk.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * For {@code socialdesk check}: whether an app is subscribed to the Page for the webhook fields the
 * channel needs ({@code GET /{page-id}/subscribed_apps}). Without that step of the admin guide no
 * Page event ever reaches the webhook, and nothing else would say why.
 */
final class MetaSubscriptionCheck {

  static final Set<String> FIELDS = Set.of("feed", "messages");

  private final MetaGraph graph;
  private final String pageId;

  MetaSubscriptionCheck(MetaGraph graph, String pageId) {
    this.graph = graph;
    this.pageId = pageId;
  }

  List<String> problems() {
    JsonNode apps;
    try {
      apps = graph.get(pageId, "/" + pageId + "/subscribed_apps", Map.of());
    } catch (MetaGraphException e) {
      return List.of("meta: cannot read the Page's subscribed apps (" + e.getMessage() + ")");
    } catch (IOException e) {
      return List.of(
          "meta: cannot reach the Graph API to read the Page's subscribed apps (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("meta: interrupted while reading the Page's subscribed apps");
    }
    Set<String> subscribed = new TreeSet<>();
    for (JsonNode app : apps.path("data")) {
      app.path("subscribed_fields").forEach(field -> subscribed.add(field.asText()));
    }
    if (subscribed.containsAll(FIELDS)) {
      return List.of();
    }
    return List.of(
        "meta: no app is subscribed to Page "
            + pageId
            + " for "
            + FIELDS
            + " (subscribed: "
            + subscribed
            + "), so no webhook event"
            + " arrives; POST /"
            + pageId
            + "/subscribed_apps?subscribed_fields=feed,mention,messages,message_edits,message_echoes with the Page token"
            + " (see the README's admin guide)");
  }
}
