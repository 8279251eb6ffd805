package org.socialdesk.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads a whole webhook delivery: {@code {"object":"page"|"instagram","entry":[...]}}, each entry
 * with its {@code changes[]} and {@code messaging[]}, several pages and changes per delivery. An
 * entry of an account that is not configured goes to quarantine (the app may be subscribed to more
 * Pages than Socialdesk serves; an admin sees it there).
 */
final class MetaWebhookReader {

  private final String pageId;
  private final String instagramId;
  private final MetaChangeReader changes;
  private final MetaMessagingReader messenger;
  private final MetaMessagingReader instagramDirect;

  MetaWebhookReader(
      MetaChangeReader changes,
      String pageId,
      String instagramId,
      BiFunction<MetaNetwork, String, Optional<String>> privateReplyTo) {
    this.pageId = pageId;
    this.instagramId = instagramId;
    this.changes = changes;
    this.messenger = new MetaMessagingReader(MetaNetwork.FACEBOOK, pageId, privateReplyTo);
    this.instagramDirect =
        new MetaMessagingReader(
            MetaNetwork.INSTAGRAM, instagramId == null ? "" : instagramId, privateReplyTo);
  }

  /**
   * The delivery's items; a signed body that cannot be read is one unreadable item, for quarantine.
   */
  List<MetaInbound> read(byte[] body, Instant receivedAt) {
    try {
      return read(MetaJson.parse(body), receivedAt);
    } catch (IOException | RuntimeException e) {
      String reason =
          (e instanceof IOException ? "malformed JSON: " : "unreadable delivery: ")
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      return List.of(
          new MetaInbound.Unreadable(
              MetaNetwork.FACEBOOK, new String(body, StandardCharsets.UTF_8), reason));
    }
  }

  List<MetaInbound> read(JsonNode delivery, Instant receivedAt) {
    String object = delivery.path("object").asText("");
    boolean instagram = object.equals("instagram");
    if (!instagram && !object.equals("page")) {
      return List.of();
    }
    MetaNetwork network = instagram ? MetaNetwork.INSTAGRAM : MetaNetwork.FACEBOOK;
    List<MetaInbound> items = new ArrayList<>();
    for (JsonNode entry : delivery.path("entry")) {
      String account = MetaJson.text(entry, "id");
      if (account == null || !account.equals(instagram ? instagramId : pageId)) {
        items.add(
            MetaChangeReader.unreadable(
                network,
                entry,
                "an entry for " + object + " account " + account + ", which is not configured"));
        continue;
      }
      Instant time =
          Optional.ofNullable(
                  MetaJson.epoch(
                      MetaJson.number(entry, "time"),
                      entry.path("time").asLong() > 100_000_000_000L))
              .orElse(receivedAt);
      for (JsonNode change : entry.path("changes")) {
        items.addAll(instagram ? changes.instagram(change, time) : changes.page(change, time));
      }
      for (JsonNode event : entry.path("messaging")) {
        items.addAll((instagram ? instagramDirect : messenger).read(event, time));
      }
    }
    return items;
  }
}
