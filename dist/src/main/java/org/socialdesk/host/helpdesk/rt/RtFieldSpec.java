package org.socialdesk.host.helpdesk.rt;

import java.util.List;
import org.socialdesk.api.helpdesk.TicketField;

/**
 * A custom field Socialdesk provisions on the social queue.
 *
 * @param field which field
 * @param select whether RT offers a select list ({@code values}) or free text
 * @param multiple whether the field holds several values (every post id of a conversation)
 * @param values the select list, in order
 * @param description what agents see as the field's description
 */
record RtFieldSpec(TicketField field, boolean select, boolean multiple, List<String> values, String description) {

  RtFieldSpec {
    values = List.copyOf(values);
  }

  String name() {
    return field.fieldName();
  }

  static final List<RtFieldSpec> ALL =
      List.of(
          text(TicketField.CHANNEL, "The social network the conversation is on"),
          new RtFieldSpec(TicketField.SOCIAL_POST_ID, false, true, List.of(), "Network:post id of every customer post in this conversation"),
          text(TicketField.SOCIAL_POST_URL, "Link to the first post on the network"),
          text(TicketField.SOCIAL_AUTHOR, "The customer's handle on the network"),
          text(TicketField.FOLLOWERS, "The customer's follower count when the conversation started"),
          select(TicketField.SENTIMENT, "Sentiment of the customer's first post; correct it and Socialdesk learns", "negative", "neutral", "positive"),
          text(TicketField.INFLUENCE, "Influence tier and score (0-100) of the customer, with the reasons in the ticket"),
          text(TicketField.LANGUAGE, "Language of the first post (ISO 639-1)"),
          select(TicketField.INTENT, "What the customer wants", "complaint", "question", "praise", "purchase-intent", "spam", "other"),
          select(TicketField.REPLY_STATUS, "What became of the latest reply", "pending", "published", "held", "awaiting-approval", "failed", "unknown"),
          select(TicketField.REPLY_APPROVAL, "A supervisor's decision on a reply that needs approval", "approved", "rejected"));

  /** What a plugin tags on tickets Socialdesk did not make, in the queues it watches for that. */
  static final List<RtFieldSpec> TAGS =
      ALL.stream()
          .filter(spec -> List.of(TicketField.SENTIMENT, TicketField.INFLUENCE, TicketField.LANGUAGE, TicketField.INTENT).contains(spec.field()))
          .toList();

  private static RtFieldSpec text(TicketField field, String description) {
    return new RtFieldSpec(field, false, false, List.of(), description);
  }

  private static RtFieldSpec select(TicketField field, String description, String... values) {
    return new RtFieldSpec(field, true, false, List.of(values), description);
  }
}
