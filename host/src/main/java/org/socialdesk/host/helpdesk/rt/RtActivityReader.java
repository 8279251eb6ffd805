package org.socialdesk.host.helpdesk.rt;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.socialdesk.api.helpdesk.ActivityPage;
import org.socialdesk.api.helpdesk.TicketActivity;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.host.config.RtConfig;

/**
 * Reads agents' activity on the social queue from RT's transaction history, by transaction id:
 * replies (Correspond), comments, and custom field changes, never the service user's own; and the
 * tickets opened in the tag queues, by anyone but the service user.
 */
final class RtActivityReader {

  private final RtClient rt;
  private final RtConfig config;
  private final Map<Integer, String> fieldNames = new HashMap<>();
  private final String helpdesk;
  private final Map<Integer, String> tagQueues;
  private final BiConsumer<String, String> onTagged;

  /**
   * @param tagQueues the tag queues' names by id
   * @param onTagged told (ticket id, queue) of each ticket opened in a tag queue
   */
  RtActivityReader(
      RtClient rt,
      RtConfig config,
      Map<String, Integer> fieldIds,
      Map<Integer, String> tagQueues,
      String helpdesk,
      BiConsumer<String, String> onTagged) {
    this.rt = rt;
    this.config = config;
    this.helpdesk = helpdesk;
    this.tagQueues = Map.copyOf(tagQueues);
    this.onTagged = onTagged;
    fieldIds.forEach((name, id) -> fieldNames.put(id, name));
  }

  ActivityPage read(String cursor, int limit) {
    if (cursor.isEmpty()) {
      return new ActivityPage(List.of(), Long.toString(latestTransactionId()));
    }
    String socialActivity =
        "(TicketQueue = "
            + quoted(config.queue())
            + " AND (Type = 'Correspond' OR Type = 'Comment' OR Type = 'CustomField' OR Type = 'Status'))";
    String opened =
        config.tagQueues().isEmpty()
            ? ""
            : " OR (Type = 'Create' AND ("
                + String.join(
                    " OR ",
                    config.tagQueues().stream().map(q -> "TicketQueue = " + quoted(q)).toList())
                + "))";
    String query =
        "ObjectType = 'RT::Ticket' AND ("
            + socialActivity
            + opened
            + ")"
            + " AND Creator != "
            + quoted(config.serviceUser())
            + " AND id > "
            + Long.parseLong(cursor);
    JsonNode page =
        rt.expect2xx(
                "GET transactions",
                rt.get(
                    "transactions",
                    Map.of(
                        "query",
                        query,
                        "orderby",
                        "id",
                        "order",
                        "ASC",
                        "per_page",
                        Integer.toString(Math.min(limit, 100)),
                        "fields",
                        "Type,Created,Creator,ObjectId,Field,OldValue,NewValue")))
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
      case "Correspond" ->
          java.util.Optional.of(new TicketActivity.Replied(ticket, id, agent, at, body(id)));
      case "Comment" ->
          java.util.Optional.of(new TicketActivity.Commented(ticket, id, agent, at, body(id)));
      case "CustomField" -> {
        String field = fieldNames.get(item.path("Field").asInt());
        yield field == null
            ? java.util.Optional.empty()
            : java.util.Optional.of(
                new TicketActivity.FieldChanged(
                    ticket,
                    id,
                    agent,
                    at,
                    field,
                    text(item.path("OldValue")),
                    text(item.path("NewValue"))));
      }
      case "Create" -> opened(ticket, id, agent, at);
      case "Status" ->
          java.util.Optional.of(
              new TicketActivity.StatusChanged(
                  ticket,
                  id,
                  agent,
                  at,
                  text(item.path("OldValue")),
                  item.path("NewValue").asText()));
      default -> java.util.Optional.empty();
    };
  }

  /** A ticket opened in a tag queue, with its subject and first message. */
  private java.util.Optional<TicketActivity> opened(
      TicketRef ticket, String transactionId, String openedBy, Instant at) {
    JsonNode found =
        rt.expect2xx("GET ticket/" + ticket.id(), rt.get("ticket/" + ticket.id(), Map.of())).body();
    String queue = tagQueues.get(found.path("Queue").path("id").asInt());
    if (queue == null) {
      return java.util.Optional.empty();
    }
    onTagged.accept(ticket.id(), queue);
    return java.util.Optional.of(
        new TicketActivity.Opened(
            ticket,
            transactionId,
            openedBy,
            at,
            queue,
            found.path("Subject").asText(""),
            body(transactionId)));
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "\\'") + "'";
  }

  /** The transaction's text: its text/plain part, else its HTML part as text, without quotes. */
  private String body(String transactionId) {
    JsonNode parts =
        rt.expect2xx(
                "GET transaction/" + transactionId + "/attachments",
                rt.get(
                    "transaction/" + transactionId + "/attachments",
                    Map.of("fields", "ContentType,Content", "per_page", "20")))
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
        rt.expect2xx(
                "GET transactions",
                rt.get(
                    "transactions",
                    Map.of(
                        "query",
                        "id > 0",
                        "orderby",
                        "id",
                        "order",
                        "DESC",
                        "per_page",
                        "1",
                        "fields",
                        "Type")))
            .body();
    return page.path("items").path(0).path("id").asLong(0);
  }

  private static String text(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }
}
