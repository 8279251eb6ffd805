package org.socialdesk.host.helpdesk.rt;

import java.util.List;
import java.util.stream.Stream;
import org.socialdesk.api.helpdesk.TicketField;

/**
 * A custom field Socialdesk provisions on the social queue.
 *
 * @param name the field's name in RT
 * @param type RT's field type ({@link Type#SELECT} offers {@code values})
 * @param multiple whether the field holds several values (every post id of a conversation)
 * @param values the select list, in order
 * @param description what agents see as the field's description
 */
record RtFieldSpec(
    String name, Type type, boolean multiple, List<String> values, String description) {

  /** The RT custom field types Socialdesk uses, by the name REST2 takes. */
  enum Type {
    FREEFORM("Freeform"),
    SELECT("Select"),
    DATE_TIME("DateTime");

    private final String rtName;

    Type(String rtName) {
      this.rtName = rtName;
    }

    String rtName() {
      return rtName;
    }
  }

  /**
   * When the customer posted, in UTC. RT's REST2 drops {@code Created} on create since the Debian
   * security update 5.0.3+dfsg-3~deb12u7; the scrip in rt/initialdata sets Created from this field,
   * so that a ticket's age stays the customer's wait.
   */
  static final String POSTED_AT = "SocialPostedAt";

  RtFieldSpec {
    values = List.copyOf(values);
  }

  boolean select() {
    return type == Type.SELECT;
  }

  static final List<RtFieldSpec> ALL =
      List.of(
          text(TicketField.CHANNEL, "The social network the conversation is on"),
          new RtFieldSpec(
              TicketField.SOCIAL_POST_ID.fieldName(),
              Type.FREEFORM,
              true,
              List.of(),
              "Network:post id of every customer post in this conversation"),
          new RtFieldSpec(
              POSTED_AT,
              Type.DATE_TIME,
              false,
              List.of(),
              "When the customer posted the first post"),
          text(TicketField.SOCIAL_POST_URL, "Link to the first post on the network"),
          text(TicketField.SOCIAL_AUTHOR, "The customer's handle on the network"),
          text(
              TicketField.FOLLOWERS, "The customer's follower count when the conversation started"),
          select(
              TicketField.SENTIMENT,
              "Sentiment of the customer's first post; correct it and Socialdesk learns",
              "negative",
              "neutral",
              "positive"),
          text(
              TicketField.INFLUENCE,
              "Influence tier and score (0-100) of the customer, with the reasons in the ticket"),
          text(TicketField.LANGUAGE, "Language of the first post (ISO 639-1)"),
          select(
              TicketField.INTENT,
              "What the customer wants",
              "complaint",
              "question",
              "praise",
              "purchase-intent",
              "spam",
              "other"),
          select(
              TicketField.REPLY_STATUS,
              "What became of the latest reply",
              "pending",
              "published",
              "held",
              "awaiting-approval",
              "failed",
              "unknown"),
          select(
              TicketField.REPLY_APPROVAL,
              "A supervisor's decision on a reply that needs approval",
              "approved",
              "rejected"));

  /** What a plugin tags on tickets Socialdesk did not make, in the queues it watches for that. */
  static final List<RtFieldSpec> TAGS =
      ALL.stream()
          .filter(
              spec ->
                  Stream.of(
                          TicketField.SENTIMENT,
                          TicketField.INFLUENCE,
                          TicketField.LANGUAGE,
                          TicketField.INTENT)
                      .map(TicketField::fieldName)
                      .anyMatch(spec.name()::equals))
          .toList();

  private static RtFieldSpec text(TicketField field, String description) {
    return new RtFieldSpec(field.fieldName(), Type.FREEFORM, false, List.of(), description);
  }

  private static RtFieldSpec select(TicketField field, String description, String... values) {
    return new RtFieldSpec(field.fieldName(), Type.SELECT, false, List.of(values), description);
  }
}
