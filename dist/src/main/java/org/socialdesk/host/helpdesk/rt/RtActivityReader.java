package org.socialdesk.host.helpdesk.rt;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.socialdesk.api.helpdesk.ActivityPage;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.host.config.RtConfig;

/**
 * Reads agents' activity on the social queue from RT's transaction history, by transaction id:
 * replies (Correspond), comments, and custom field changes, never the service user's own.
 */
final class RtActivityReader {

  private final RtClient rt;
  private final RtConfig config;
  private final Map<Integer, String> fieldNames = new HashMap<>();
  private final String helpdesk;

  RtActivityReader(RtClient rt, RtConfig config, Map<String, Integer> fieldIds, String helpdesk) {
    this.rt = rt;
    this.config = config;
    this.helpdesk = helpdesk;
    fieldIds.forEach((name, id) -> fieldNames.put(id, name));
  }

  ActivityPage read(String cursor, int limit) {
    if (cursor.isEmpty()) {
      return new ActivityPage(List.of(), Long.toString(latestTransactionId()));
    }
    String query =
        "ObjectType = 'RT::Ticket' AND TicketQueue = '" + config.queue().replace("'", "\\'") + "'"
            + " AND (Type = 'Correspond' OR Type = 'Comment' OR Type = 'CustomField' OR Type = 'Status')"
            + " AND Creator != '" + config.serviceUser().replace("'", "\\'") + "'"
            + " AND id > " + Long.parseLong(cursor);
    JsonNode page =
        rt.expect2xx("GET transactions",
                rt.get("transactions",
                    Map.of("query", query, "orderby", "id", "order", "ASC", "per_page", Integer.toString(Math.min(limit, 100)),
                        "fields", "Type,Created,Creator,ObjectId,Field,OldValue,NewValue")))
            .body();
    List<TicketActivity> activities = new ArrayList<>();
    String next = cursor;
    for (JsonNode item : page.path("items")) {
      next = item.path("id").asText();
      toActivity(item).ifPresent(activities::add);
    }
    return new ActivityPage(activities, next);
  }

  private java.util.Optional<TicketActivity> toActivity(JsonNode item) {
    TicketRef ticket = new TicketRef(helpdesk, item.path("ObjectId").asText());
    String id = item.path("id").asText();
    String agent = item.path("Creator").path("id").asText();
    Instant at = Instant.parse(item.path("Created").asText());
    return switch (item.path("Type").asText()) {
      case "Correspond" -> java.util.Optional.of(new TicketActivity.Replied(ticket, id, agent, at, body(id)));
      case "Comment" -> java.util.Optional.of(new TicketActivity.Commented(ticket, id, agent, at, body(id)));
      case "CustomField" -> {
        String field = fieldNames.get(item.path("Field").asInt());
        yield field == null
            ? java.util.Optional.empty()
            : java.util.Optional.of(new TicketActivity.FieldChanged(ticket, id, agent, at, field, text(item.path("OldValue")), text(item.path("NewValue"))));
      }
      case "Status" -> java.util.Optional.of(
          new TicketActivity.StatusChanged(ticket, id, agent, at, text(item.path("OldValue")), item.path("NewValue").asText()));
      default -> java.util.Optional.empty();
    };
  }

  /** The transaction's text: its text/plain part, else its HTML part as text, without quotes. */
  private String body(String transactionId) {
    JsonNode parts =
        rt.expect2xx("GET transaction/" + transactionId + "/attachments",
                rt.get("transaction/" + transactionId + "/attachments", Map.of("fields", "ContentType,Content", "per_page", "20")))
            .body()
            .path("items");
    String html = null;
    for (JsonNode part : parts) {
      String type = part.path("ContentType").asText();
      String content = part.path("Content").asText("");
      if (type.startsWith("text/plain") && !content.isBlank()) {
        return RtText.replyText(content, type);
      }
      if (type.startsWith("text/html") && html == null) {
        html = content;
      }
    }
    return html == null ? "" : RtText.replyText(html, "text/html");
  }

  private long latestTransactionId() {
    JsonNode page =
        rt.expect2xx("GET transactions",
                rt.get("transactions", Map.of("query", "id > 0", "orderby", "id", "order", "DESC", "per_page", "1", "fields", "Type")))
            .body();
    return page.path("items").path(0).path("id").asLong(0);
  }

  private static String text(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }
}
