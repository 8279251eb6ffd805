package org.socialdesk.api.helpdesk;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A ticket to create, complete, in one helpdesk call.
 *
 * @param queue the queue name
 * @param subject the subject line
 * @param requestor the customer
 * @param body the post's text and a link to it, as plain text
 * @param createdAt when the customer posted (the ticket's Created)
 * @param priority helpdesk priority, or null for the queue's default
 * @param due the first deadline, or null
 * @param fields field values by field name
 * @param resolveWithNote if set, the ticket is closed at once with this internal note
 */
public record NewTicket(
    String queue,
    String subject,
    CustomerRef requestor,
    String body,
    Instant createdAt,
    Integer priority,
    Instant due,
    Map<String, String> fields,
    String resolveWithNote) {

  public NewTicket {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(requestor, "requestor");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(createdAt, "createdAt");
    fields = Map.copyOf(Objects.requireNonNull(fields, "fields"));
  }
}
